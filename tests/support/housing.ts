// The demo's social housing application (commune/catalogue.json, "logement-social"), answered as
// the tests need it: by the API's tests, the browser's journeys and the accessibility states.

export const HOME = { street: '2 rue Haute', postcode: '87990', city: 'Val-de-Lierre' };

/** Its first four steps: a first application, who she is, where to reach her, three people. */
export const HOUSING_START = {
	nature: 'premiere',
	nom: 'Jeanne Martin',
	naissance: '1941-05-12',
	'situation-familiale': 'marie',
	nationalite: 'francaise',
	protection: 'non',
	telephone: '06 12 34 56 78',
	adresse: HOME,
	personnes: '3'
};

/** Everything after her household, answered: her work, her money, her home, the one she seeks. */
export const HOUSING_REST = {
	'situation-pro': 'retraite',
	ressources: ['retraite'],
	'montant-retraite': '1400',
	'statut-logement': 'locataire-prive',
	loyer: '620',
	motifs: ['handicap'],
	motif: 'Trop d’escaliers',
	type: 't2',
	besoins: [],
	communes: 'Val-de-Lierre',
	handicap: 'non',
	accord: true
};

/** A grown-up of her household, every question he is asked answered (his papers left to bring). */
export const HOUSING_MEMBER = {
	'membre-nom': 'Paul Martin',
	'membre-naissance': '1940-02-03',
	'membre-lien': 'conjoint',
	'membre-adresse': HOME,
	'membre-situation': 'retraite',
	'membre-ressources': ['retraite'],
	'membre-montant-retraite': '900'
};

/** The whole application of a woman who lives alone. */
export const HOUSING_ALONE = { ...HOUSING_START, personnes: '1', ...HOUSING_REST };
