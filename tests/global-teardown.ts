import { writeAuditReport } from './helpers/audit-report';

export default function globalTeardown() {
	writeAuditReport();
}
