import { afterAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { tempDatabase } from '$tests/support/temp-db';
import { noticeKeys } from './secrets';

const temp = await tempDatabase();
afterAll(() => temp.close());

describe('signing keys given to the portal', () => {
	it('are never written to the database, so its dumps carry none', async () => {
		const vapid = webpush.generateVAPIDKeys();
		const keys = await noticeKeys(temp.db, {
			LINK_SECRET: `3:${'k'.repeat(44)}`,
			VAPID_PUBLIC_KEY: vapid.publicKey,
			VAPID_PRIVATE_KEY: vapid.privateKey
		});
		expect(keys.linkSecret.current.id).toBe(3);
		expect(keys.vapid.privateKey).toBe(vapid.privateKey);
		const stored = await temp.db.selectFrom('app_meta').select('key').execute();
		expect(stored.map((r) => r.key)).not.toContain('notices.linkSecret');
		expect(stored.map((r) => r.key)).not.toContain('notices.vapid');
	});
});
