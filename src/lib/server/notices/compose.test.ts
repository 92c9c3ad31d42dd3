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
		statusMessage: null,
		askedOnDevice: true
	},
	links: { stop: 'https://x.example/r/stop', list: 'https://x.example/mes-rendez-vous' }
});

describe('the SMS of a notice', () => {
	it('keeps the full wording when it fits one part', () => {
		const sms = composeNotice(facts('CCAS', '2 place de la Mairie'), '33612345678').sms;
		expect(sms).toMatch(/confirmé lundi 14 décembre 2026 à 9\sh/);
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

describe('what a device typed, in a message the commune signs', () => {
	const homeVisit = (personName: string): NoticeFacts => {
		const base = facts('CCAS', '2 place de la Mairie');
		return {
			...base,
			personName,
			appointment: {
				...base.appointment!,
				mode: 'home_visit',
				address: '12 rue des Écoles, 87990 Val-de-Lierre'
			}
		};
	};

	it('never puts her typed address in an SMS: a home visit is "chez vous"', () => {
		const { sms, text } = composeNotice(homeVisit('Berthe Lucas'), '33612345678');
		expect(sms).toContain('Chez vous');
		expect(sms).not.toContain('rue des Écoles');
		// The e-mail, which she reads at leisure, says where the agent will come.
		expect(text).toContain('12 rue des Écoles');
	});

	it('greets by name only what is a name', () => {
		expect(composeNotice(homeVisit('Berthe Lucas'), 'b@exemple.fr').text).toMatch(
			/^Bonjour Berthe Lucas,/
		);
		const lure = composeNotice(
			homeVisit('Client, payez votre amende sur amende-gouv.com'),
			'b@x.fr'
		);
		expect(lure.text).toMatch(/^Bonjour,\n/);
		expect(lure.text).not.toContain('amende');
		expect(lure.html).not.toContain('amende');
	});

	it('says who asked and how to stop in a first message to someone new, and only then', () => {
		const first = composeNotice(homeVisit('Berthe Lucas'), '33612345678', { firstContact: true });
		expect(first.text).toContain('ce rendez-vous a été pris sur le portail de la mairie');
		expect(first.text).toContain('https://x.example/r/stop');
		expect(first.sms).toMatch(/Pas vous \? https:\/\/x\.example\/r\/stop$/);
		const again = composeNotice(homeVisit('Berthe Lucas'), '33612345678');
		expect(again.text).not.toContain('ce rendez-vous a été pris sur le portail');
		expect(again.sms).not.toContain('Pas vous');
		// Booked by an agent: the office asked, nothing to explain.
		const byAgent = homeVisit('Berthe Lucas');
		byAgent.appointment!.askedOnDevice = false;
		expect(composeNotice(byAgent, 'b@x.fr', { firstContact: true }).text).not.toContain(
			'a été pris sur le portail'
		);
	});
});

describe('the wording fits the appointment', () => {
	const reminder = (mode: 'in_person' | 'phone', wording: string | null = null): NoticeFacts => {
		const base = facts('CCAS', '2 place de la Mairie');
		return {
			...base,
			kind: 'reminder',
			wording,
			appointment: { ...base.appointment!, mode, phone: '06 12 34 56 78' },
			links: {
				...base.links,
				coming: 'https://x.example/r/coming',
				cannot: 'https://x.example/r/cannot',
				callback: 'https://x.example/r/callback'
			}
		};
	};

	it('asks whether she will be available for a call, whether she comes to an office', () => {
		const call = composeNotice(reminder('phone'), 'berthe@exemple.fr');
		expect(call.text).toContain('si vous serez disponible pour notre appel');
		expect(call.text).toContain('Je serai disponible : https://x.example/r/coming');
		expect(call.text).toContain('Je ne serai pas disponible : https://x.example/r/cannot');
		expect(call.html).toContain('>Je serai disponible</a>');
		expect(call.text).not.toContain('Je viendrai');
		const visit = composeNotice(reminder('in_person'), 'berthe@exemple.fr');
		expect(visit.text).toContain('Je viendrai : https://x.example/r/coming');
	});

	it('titles her first message a confirmation, though sent as the reminder', () => {
		expect(composeNotice(reminder('in_person'), 'b@exemple.fr').subject).toMatch(/^Rappel/);
		const first = composeNotice(reminder('in_person', 'booked'), 'b@exemple.fr');
		// The day inside the sentence, in lower case as French writes it.
		expect(first.subject).toMatch(
			/^Rendez-vous confirmé : (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d/
		);
		expect(first.push.title).toBe(first.subject);
		expect(composeNotice(reminder('phone', 'changed'), 'b@exemple.fr').subject).toMatch(
			/^Rendez-vous changé : /
		);
	});
});

describe('a message from the office', () => {
	const message: NoticeFacts = {
		noticeId: 'n2',
		kind: 'message',
		wording: null,
		language: 'fr',
		personName: 'Berthe Lucas',
		request: {
			reference: 'D-7KM-4QX',
			service: { fr: 'Demande de logement social' },
			status: 'in_progress',
			message: null,
			officeMessage: {
				kind: 'document',
				body: 'Il nous manque votre avis d’impôt 2025.',
				documentLabel: 'Votre dernier avis d’impôt'
			}
		},
		links: { stop: 'https://x.example/r/stop', list: 'https://x.example/mes-demandes' }
	};

	it('says she has one, and never its words in an SMS or on a locked screen', () => {
		const sent = composeNotice(message, '33612345678');
		expect(sent.subject).toBe('Vous avez un message de la mairie (demande D-7KM-4QX)');
		expect(sent.sms).toContain('vous avez un message de la mairie sur votre demande D-7KM-4QX');
		expect(sent.sms).not.toContain('avis d’impôt');
		expect(sent.push.body).toBe('La mairie vous demande un document.');
		expect(sent.push.body).not.toContain('avis');
		// Her e-mail and her letter carry it: what is asked, and why.
		expect(sent.text).toContain('Document demandé : Votre dernier avis d’impôt');
		expect(sent.text).toContain('Il nous manque votre avis d’impôt 2025.');
		expect(sent.letter.join('\n')).toContain('Il nous manque votre avis d’impôt 2025.');
	});
});
