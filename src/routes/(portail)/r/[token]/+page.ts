import { answerWording } from '$lib/appointments/kind-label';
export async function load({ data, parent }) {
	const { i18n } = await parent();
	const { page } = data;
	const title =
		page.state === 'invalid' || page.state === 'expired'
			? i18n.t('answerPage.title.problem')
			: i18n.t(
					`answerPage.title.${page.purpose === 'stopAppointment' || page.purpose === 'stopRequest' ? 'stop' : page.purpose}`,
					answerWording(page.appointment?.mode)
				);
	return { ...data, title };
}
