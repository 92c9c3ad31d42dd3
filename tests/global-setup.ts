import { clearAudit } from './helpers/audit-report';
import { ADMIN, AGENT, createAccounts } from './helpers/staff';

export default function globalSetup() {
	clearAudit();
	createAccounts([ADMIN, AGENT]);
}
