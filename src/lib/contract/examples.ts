import type { MutationType } from './outbox';

/**
 * One mutation of each type as a tablet sends it: published in openapi.json beside its schema
 * (a developer of another app reads what to send), and checked against the schemas by the tests.
 */
export const MUTATION_EXAMPLES: Record<MutationType, object> = {
	'request.submit': {
		id: '5b0d3f3e-7c1a-4f5e-9a44-2c9b1e6d8a01',
		type: 'request.submit',
		createdAt: '2026-12-06T09:15:00+01:00',
		payload: {
			formId: 'rappel-conseiller',
			formVersion: 1,
			answers: { nom: 'Berthe Lucas', telephone: '06 12 34 56 78', moment: 'matin' },
			contact: { email: 'berthe.lucas@exemple.fr', notify: ['email'], notices: ['status'] }
		}
	},
	'appointment.book': {
		id: '0f1e2d3c-4b5a-4697-8877-665544332211',
		type: 'appointment.book',
		createdAt: '2026-12-06T09:20:00+01:00',
		payload: {
			serviceId: 'rendez-vous-conseillere-sociale',
			appointmentTypeId: 'ccas-bureau',
			start: '2026-12-14T09:00:00+01:00',
			contact: {
				name: 'Berthe Lucas',
				phone: '06 12 34 56 78',
				email: 'berthe.lucas@exemple.fr',
				notify: ['email'],
				notices: ['confirmation', 'reminder'],
				language: 'fr'
			}
		}
	},
	'appointment.cancel': {
		id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
		type: 'appointment.cancel',
		createdAt: '2026-12-07T10:00:00+01:00',
		payload: { appointmentId: '0f1e2d3c-4b5a-4697-8877-665544332211' }
	},
	'appointment.reschedule': {
		id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
		type: 'appointment.reschedule',
		createdAt: '2026-12-07T10:05:00+01:00',
		payload: {
			appointmentId: '0f1e2d3c-4b5a-4697-8877-665544332211',
			start: '2026-12-15T14:30:00+01:00'
		}
	},
	'appointment.cancelByOffice': {
		id: '6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c',
		type: 'appointment.cancelByOffice',
		createdAt: '2026-12-07T11:00:00+01:00',
		payload: {
			appointmentId: '0f1e2d3c-4b5a-4697-8877-665544332211',
			reason: 'Annulé à sa demande, par téléphone'
		}
	},
	'request.setStatus': {
		id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
		type: 'request.setStatus',
		createdAt: '2026-12-08T11:00:00+01:00',
		payload: {
			requestId: '5b0d3f3e-7c1a-4f5e-9a44-2c9b1e6d8a01',
			from: 'received',
			to: 'in_progress',
			message: 'Nous vous appelons jeudi matin.'
		}
	},
	'person.erasureRequest': {
		id: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f',
		type: 'person.erasureRequest',
		createdAt: '2026-12-09T16:00:00+01:00',
		payload: {}
	},
	'notices.choose': {
		id: '4d5e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f8a',
		type: 'notices.choose',
		createdAt: '2026-12-06T09:00:00+01:00',
		payload: {
			notify: ['email', 'sms'],
			notices: ['confirmation', 'reminder', 'status'],
			email: 'berthe.lucas@exemple.fr',
			phone: '06 12 34 56 78',
			language: 'fr'
		}
	},
	'device.push': {
		id: '5e6f7a8b-9c0d-4e1f-8a3b-4c5d6e7f8a9b',
		type: 'device.push',
		createdAt: '2026-12-06T09:01:00+01:00',
		payload: {
			subscription: {
				endpoint: 'https://fcm.googleapis.com/fcm/send/dGVzdA:APA91bExample',
				keys: {
					p256dh:
						'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
					auth: 'tBHItJI5svbpez7KI4CCXg'
				}
			}
		}
	},
	'appointment.answer': {
		id: '6f7a8b9c-0d1e-4f2a-9b4c-5d6e7f8a9b0c',
		type: 'appointment.answer',
		createdAt: '2026-12-12T18:00:00+01:00',
		payload: { appointmentId: '0f1e2d3c-4b5a-4697-8877-665544332211', answer: 'coming' }
	},
	'case.note': {
		id: '6d7e8f9a-0b1c-4d2e-8f3a-4b5c6d7e8f9a',
		type: 'case.note',
		createdAt: '2026-12-08T11:05:00+01:00',
		payload: {
			subject: 'request',
			subjectId: '5b0d3f3e-7c1a-4f5e-9a44-2c9b1e6d8a01',
			text: 'Sa fille appelle le jeudi ; rappeler après 14 h.'
		}
	},
	'case.assign': {
		id: '7e8f9a0b-1c2d-4e3f-9a4b-5c6d7e8f9a0b',
		type: 'case.assign',
		createdAt: '2026-12-08T11:06:00+01:00',
		payload: {
			subject: 'request',
			subjectId: '5b0d3f3e-7c1a-4f5e-9a44-2c9b1e6d8a01',
			staffUserId: '8f9a0b1c-2d3e-4f4a-8b5c-6d7e8f9a0b1c'
		}
	},
	'message.send': {
		id: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
		type: 'message.send',
		createdAt: '2026-12-08T11:10:00+01:00',
		payload: {
			requestId: '5b0d3f3e-7c1a-4f5e-9a44-2c9b1e6d8a01',
			kind: 'document',
			body: 'Pour finir votre demande, il nous manque votre dernier avis d’impôt (les deux pages).',
			documentLabel: 'Votre dernier avis d’impôt'
		}
	},
	'message.reply': {
		id: '0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e',
		type: 'message.reply',
		createdAt: '2026-12-08T15:42:00+01:00',
		payload: {
			requestId: '5b0d3f3e-7c1a-4f5e-9a44-2c9b1e6d8a01',
			body: 'Voici la première page, la seconde suit demain.',
			inReplyTo: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
			document: {
				pages: [
					{
						id: '1c2d3e4f-5a6b-4c7d-8e8f-9a0b1c2d3e4f',
						sha256: '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b',
						size: 412345,
						type: 'image/jpeg'
					}
				]
			}
		}
	},
	'message.seen': {
		id: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
		type: 'message.seen',
		createdAt: '2026-12-08T15:40:00+01:00',
		payload: {
			requestId: '5b0d3f3e-7c1a-4f5e-9a44-2c9b1e6d8a01',
			upTo: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d'
		}
	},
	'request.register': {
		id: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b',
		type: 'request.register',
		createdAt: '2026-12-09T10:00:00+01:00',
		payload: {
			requestId: '5b0d3f3e-7c1a-4f5e-9a44-2c9b1e6d8a01',
			number: '087 1226 12345 A'
		}
	}
};
