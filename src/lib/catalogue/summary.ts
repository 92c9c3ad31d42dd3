import type { Service } from './types';

export type ServiceSummary = Pick<Service, 'id' | 'themeId' | 'title' | 'summary' | 'action'>;

export function summarize(service: Service): ServiceSummary {
	const { id, themeId, title, summary, action } = service;
	return { id, themeId, title, summary, action };
}
