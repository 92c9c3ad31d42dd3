import { clearAudit } from './helpers/audit-report';

export default function globalSetup() {
	clearAudit();
}
