import { saveFile } from '$lib/components/save-file';

/** An .ics file for her calendar; the library is loaded only when she asks for one. */
export async function downloadIcs(event: {
	uid: string;
	title: string;
	start: string;
	end: string;
	location?: string;
	description?: string;
}) {
	const { createEvent } = await import('ics');
	const { error, value } = createEvent({
		uid: `${event.uid}@portail-seniors`,
		title: event.title,
		start: Date.parse(event.start),
		end: Date.parse(event.end),
		startInputType: 'utc',
		startOutputType: 'utc',
		endInputType: 'utc',
		endOutputType: 'utc',
		location: event.location,
		description: event.description,
		alarms: [{ action: 'display', description: event.title, trigger: { hours: 24, before: true } }]
	});
	if (error || !value) throw error ?? new Error('no calendar file');
	saveFile(new Blob([value], { type: 'text/calendar;charset=utf-8' }), 'rendez-vous.ics');
}
