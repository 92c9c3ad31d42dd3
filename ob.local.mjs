import { randomBytes, randomUUID } from 'node:crypto';
const key = randomBytes(32).toString('base64url');
const m = (i) => ({ id: randomUUID(), type: 'request.submit', createdAt: new Date().toISOString(), payload: { formId: 'rappel-conseiller', formVersion: 1, answers: { nom: `P ${i}`, telephone: '06 12 34 56 78', moment: 'matin', question: 'Banc' } } });
for (let round = 0; round < 4; round++) {
const r = await fetch('http://localhost:4399/api/v1/outbox', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Device ${key}` }, body: JSON.stringify({ mutations: Array.from({ length: 10 }, (_, i) => m(i)) }) });
const j = await r.json(); console.log(r.status, JSON.stringify(j.results?.map((x) => x.status + ':' + (x.code ?? x.error?.code ?? ''))));
}
