// `node scripts/generate-catalogue.js --services 10000 --out /tmp/catalogue-10k.json`
// A catalogue at the scale of a département or a group of communes, made from the commune's own:
// its themes, forms and contacts, and as many services as asked, each a local version of one of the
// commune's services in one of many towns ("… — Saint-Aubin, antenne 12"), with its own id, title
// and keywords. Only the commune's own bookable services stay bookable: the copies ask to be
// contacted or take a request, as most of a large catalogue does. Used by the scale benchmark and
// the tests of long lists; never by the portal itself.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
	options: {
		services: { type: 'string', default: '10000' },
		from: { type: 'string', default: 'commune/catalogue.json' },
		out: { type: 'string' },
		theme: { type: 'string' }
	}
});
if (!values.out) throw new Error('--out is required');

const TOWNS = (
	'Saint-Aubin Beaulieu Montreuil Villeneuve Fontaine Bellevue Champagne Rochefort Valmont ' +
	'Saint-Martin Clairefont Mirabel Lavaur Sauveterre Bonneval Castelnau Roquebrune Montfort ' +
	'Bourgneuf Sainte-Marie Vauclair Frontenac Boisseuil Marsac Puylaurens Lherm Cintegabelle ' +
	'Aurignac Salies Carbonne Muret Revel Nailloux Caraman Verfeil Fronton Cadours Grenade'
).split(' ');

/** Every language's text of a field with the place added, whatever its shape. */
const placed = (value, place) =>
	typeof value === 'string'
		? `${value} — ${place}`
		: Object.fromEntries(Object.entries(value).map(([lang, text]) => [lang, `${text} — ${place}`]));

const source = JSON.parse(readFileSync(values.from, 'utf8'));
const count = Number(values.services);
const services = [...source.services];
for (let i = 0; services.length < count; i++) {
	const model = source.services[i % source.services.length];
	const town = TOWNS[i % TOWNS.length];
	const place = `${town}, antenne ${Math.floor(i / TOWNS.length) + 1}`;
	const copy = {
		...model,
		id: `${model.id}-${i}`,
		// --theme puts every copy under one theme: the longest list a person may be shown.
		theme: values.theme ?? model.theme,
		title: placed(model.title, place),
		keywords: [...(model.keywords ?? []), town.toLowerCase()]
	};
	if (copy.action === 'appointment') {
		delete copy.booking;
		copy.action = 'contact';
	}
	services.push(copy);
}
writeFileSync(values.out, JSON.stringify({ ...source, services }));
console.info(`${values.out}: ${services.length} services in ${source.themes.length} themes`);
