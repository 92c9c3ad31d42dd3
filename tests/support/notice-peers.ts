/**
 * The other end of each notice channel, on this machine, for tests and the bench: a real SMTP
 * server, a stand-in for the SMS provider that checks requests as Brevo documents them, and a
 * push service that decrypts what it receives (RFC 8291) with the "browser's" keys. No $lib
 * imports: the browser tests and the bench load this file too.
 */
import { createECDH, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
// @ts-expect-error http_ece ships no types: decrypt(buffer, params) → Buffer.
import ece from 'http_ece';

const portOf = (server: { address(): string | AddressInfo | null }) =>
	(server.address() as AddressInfo).port;

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export interface ReceivedMail {
	from: string;
	to: string;
	raw: string;
	parsed: ParsedMail;
}

/**
 * An SMTP server that keeps what it receives. `refuse(code)` makes the next messages fail with
 * that reply (451: try later; 550: no such mailbox). `parse: false` keeps only the envelope and
 * the headers (the bench counts 10,000 messages).
 */
export async function smtpPeer({ parse = true } = {}) {
	const received: ReceivedMail[] = [];
	let refusal: number | null = null;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		size: 1_000_000,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', async () => {
				if (refusal) {
					const error = Object.assign(new Error(`refused ${refusal}`), { responseCode: refusal });
					return callback(error);
				}
				const whole = Buffer.concat(chunks).toString('utf8');
				// Unparsed, only the headers are kept: the bench's 10,000 messages stay small here.
				const raw = parse ? whole : whole.slice(0, whole.indexOf('\r\n\r\n'));
				received.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address).join(','),
					raw,
					parsed: parse ? await simpleParser(raw) : (undefined as never)
				});
				callback();
			});
		}
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const port = portOf(server.server);
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		refuse(code: number | null) {
			refusal = code;
		},
		close: () => new Promise<void>((done) => server.close(() => done()))
	};
}

export interface ReceivedSms {
	sender: string;
	recipient: string;
	content: string;
	unicodeEnabled: boolean;
}

/**
 * Brevo's transactional SMS endpoint as documented: POST, `api-key` header, JSON with `sender`
 * (≤ 11 characters or ≤ 15 digits), `recipient` (international, no "+"), `content`, `type`;
 * answers 201 with `reference`, `messageId`, `smsCount`. Anything else gets the 400 or 401
 * Brevo gives, and is kept in `problems` for the test to see.
 */
export async function smsPeer(apiKey: string) {
	const received: ReceivedSms[] = [];
	const problems: string[] = [];
	let status = 201;
	const server = createServer(async (request, response) => {
		const reply = (code: number, body: object) => {
			response.writeHead(code, { 'content-type': 'application/json' });
			response.end(JSON.stringify(body));
		};
		const refuse = (code: number, problem: string) => {
			problems.push(problem);
			reply(code, { code: code === 401 ? 'unauthorized' : 'invalid_parameter', message: problem });
		};
		if (request.method !== 'POST' || request.url !== '/v3/transactionalSMS/sms') {
			return refuse(400, `${request.method} ${request.url}`);
		}
		if (request.headers['api-key'] !== apiKey) return refuse(401, 'api-key');
		if (!String(request.headers['content-type']).startsWith('application/json')) {
			return refuse(400, 'content-type');
		}
		let body: Record<string, unknown>;
		try {
			body = JSON.parse((await bodyOf(request)).toString('utf8'));
		} catch {
			return refuse(400, 'json');
		}
		const sender = String(body.sender ?? '');
		if (!/^(?:[A-Za-z0-9 ]{1,11}|\d{1,15})$/.test(sender)) return refuse(400, 'sender');
		if (!/^[1-9]\d{7,14}$/.test(String(body.recipient ?? ''))) return refuse(400, 'recipient');
		if (typeof body.content !== 'string' || !body.content) return refuse(400, 'content');
		if (body.type !== undefined && !['transactional', 'marketing'].includes(String(body.type))) {
			return refuse(400, 'type');
		}
		if (status !== 201) return reply(status, { code: 'failure', message: 'stand-in failure' });
		const sms: ReceivedSms = {
			sender,
			recipient: String(body.recipient),
			content: body.content,
			unicodeEnabled: body.unicodeEnabled === true
		};
		received.push(sms);
		const perPart = sms.unicodeEnabled ? 67 : 153;
		const single = sms.unicodeEnabled ? 70 : 160;
		const smsCount = sms.content.length <= single ? 1 : Math.ceil(sms.content.length / perPart);
		reply(201, {
			reference: randomBytes(8).toString('hex'),
			messageId: received.length,
			smsCount,
			usedCredits: smsCount
		});
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	return {
		url: `http://127.0.0.1:${portOf(server)}/v3/transactionalSMS/sms`,
		received,
		problems,
		/** The status the next requests get (402: no credit left, 500…); 201 again to recover. */
		answer(code: number) {
			status = code;
		},
		close: () => closeHttp(server)
	};
}

function closeHttp(server: Server) {
	server.closeAllConnections();
	return new Promise<void>((done) => server.close(() => done()));
}

export interface ReceivedPush {
	ttl: string | undefined;
	authorization: string;
	payload: { title: string; body: string; url: string };
}

/** A throw-away certificate for 127.0.0.1, by Debian's openssl; its file is the CA to trust. */
function localCertificate() {
	const dir = mkdtempSync(join(tmpdir(), 'push-peer-'));
	const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-keyout',
			key,
			'-out',
			cert,
			'-days',
			'2',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1'
		],
		{ stdio: 'ignore' }
	);
	return { dir, key: readFileSync(key), cert: readFileSync(cert), caFile: cert };
}

/**
 * A push service and the browser behind it: `subscription()` is what the browser would hand the
 * page (its keys made here), and every message posted to it is decrypted with the browser's
 * private key and authentication secret, as the browser does (aes128gcm, RFC 8188 and 8291).
 */
export async function pushPeer() {
	const browserKey = createECDH('prime256v1');
	browserKey.generateKeys();
	const authSecret = randomBytes(16);
	const received: ReceivedPush[] = [];
	const problems: string[] = [];
	const tls = localCertificate();
	const server = createTlsServer({ key: tls.key, cert: tls.cert }, async (request, response) => {
		const body = await bodyOf(request);
		const authorization = String(request.headers.authorization ?? '');
		if (request.method !== 'POST') problems.push(`method ${request.method}`);
		if (request.headers['content-encoding'] !== 'aes128gcm') problems.push('content-encoding');
		if (!/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/.test(authorization)) {
			problems.push('authorization');
		}
		try {
			const clear = ece.decrypt(body, {
				version: 'aes128gcm',
				privateKey: browserKey,
				authSecret: authSecret.toString('base64url')
			}) as Buffer;
			received.push({
				ttl: request.headers.ttl as string | undefined,
				authorization,
				payload: JSON.parse(clear.toString('utf8'))
			});
			response.writeHead(201).end();
		} catch (error) {
			problems.push(`decrypt: ${(error as Error).message}`);
			response.writeHead(400).end();
		}
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const origin = `https://127.0.0.1:${portOf(server)}`;
	return {
		origin,
		/** The certificate to trust (PUSH_CA_FILE). */
		caFile: tls.caFile,
		received,
		problems,
		subscription: (id = randomBytes(6).toString('hex')) => ({
			endpoint: `${origin}/push/${id}`,
			keys: {
				p256dh: browserKey.getPublicKey().toString('base64url'),
				auth: authSecret.toString('base64url')
			}
		}),
		close: async () => {
			await closeHttp(server as unknown as Server);
			rmSync(tls.dir, { recursive: true, force: true });
		}
	};
}
