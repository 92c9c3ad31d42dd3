import { auditSummary, conformityOf } from '$lib/accessibility/audit-summary';

export async function load({ parent }) {
	const { i18n } = await parent();
	return {
		title: i18n.t('statement.title'),
		audit: auditSummary,
		conformity: conformityOf(auditSummary)
	};
}
