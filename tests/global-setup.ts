import { clearAudit } from './helpers/audit-report';
import { ADMIN, AGENT, createAccount } from './helpers/staff';

export default function globalSetup() {
	clearAudit();
	// Two staff accounts, made the way a commune makes its first one (npm run create-admin).
	createAccount(ADMIN);
	createAccount(AGENT);
}
