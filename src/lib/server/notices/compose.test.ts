import { describe, expect, it } from 'vitest';
import { smsParts } from './channels/sms';
import { composeNotice, type NoticeFacts } from './compose';

const facts = (office: string, address: string): NoticeFacts => ({
	noticeId: 'n1',
	kind: 'booked',
	wording: null,
	language: 'fr',
	personName: 'Berthe Lucas',
	appointment: {
		reference: 'R-ABC-DEF',
		start: '2026-12-14T08:00:00.000Z',
		mode: 'in_person',
		service: { fr: 'Rencontrer une conseillère' },
		type: { fr: 'Au bureau' },
		office: { name: { fr: office }, phone: '05 36 49 10 00', address },
		phone: null,
		address: null,
		statusMessage: null
	},
	links: { stop: 'https://x.example/r/stop', list: 'https://x.example/mes-rendez-vous' }
});

describe('the SMS of a notice', () => {
	it('keeps the full wording when it fits one part', () => {
		const sms = composeNotice(facts('CCAS', '2 place de la Mairie'), '33612345678').sms;
		expect(sms).toMatch(/Lundi 14 décembre 2026 à 9\sh/);
		expect(sms).toContain('2 place de la Mairie');
		expect(smsParts(sms).parts).toBe(1);
	});

	it('shortens the date and leaves out the address when that saves a part', () => {
		const address =
			'Maison des services au public, 14 avenue du Général-de-Gaulle, 87990 Val-de-Lierre';
		const sms = composeNotice(facts('CCAS de Val-de-Lierre', address), '33612345678').sms;
		expect(sms).not.toContain('avenue du Général');
		expect(sms).toContain('CCAS de Val-de-Lierre');
		expect(sms).toMatch(/lun\. 14 déc\./);
		expect(smsParts(sms).parts).toBe(1);
	});

	it('counts an Arabic text in UCS-2 parts of 70 characters', () => {
		expect(smsParts('موعدك غدا').unicode).toBe(true);
		expect(smsParts('a'.repeat(161))).toMatchObject({ parts: 2, unicode: false });
		expect(smsParts('Rendez-vous confirmé, à bientôt ’ « »')).toMatchObject({ unicode: false });
	});
});
