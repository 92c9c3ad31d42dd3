import { describe, expect, it } from 'vitest';
import { readLink, signLink, singleKey } from './links';
import { linkKeyring } from './settings';

const claim = {
	subjectId: '0b7c2a44-9f4e-4c5e-8a51-3f1d2b6c7e80',
	purpose: 'coming' as const,
	start: new Date('2026-12-14T08:00:00Z')
};
// As read: an answer is taken until two days after the time it names.
const read = { ...claim, expiresAt: new Date('2026-12-16T08:00:00Z') };
const now = new Date('2026-12-06T00:00:00Z');

describe('link-signing keys', () => {
	it('verifies links of the key before a rotation, signs with the new one, refuses a withdrawn one', () => {
		const old = linkKeyring(`1:${'a'.repeat(44)}`)!;
		const rotated = linkKeyring(`2:${'b'.repeat(44)},1:${'a'.repeat(44)}`)!;
		const before = signLink(old, claim);
		expect(readLink(rotated, before, now)).toEqual(read);
		const after = signLink(rotated, claim);
		expect(after).toHaveLength(44);
		expect(readLink(rotated, after, now)).toEqual(read);
		// The old key withdrawn: its links are no longer ours.
		const withdrawn = linkKeyring(`2:${'b'.repeat(44)}`)!;
		expect(readLink(withdrawn, before, now)).toBe('invalid');
		expect(readLink(withdrawn, after, now)).toEqual(read);
		// The key the portal made (id 0) still reads what it signed.
		const made = singleKey(Buffer.alloc(32, 7));
		expect(readLink(made, signLink(made, claim), now)).toEqual(read);
		expect(readLink(made, after, now)).toBe('invalid');
	});

	it('refuses a malformed LINK_SECRET with a plain reason', () => {
		expect(() => linkKeyring('court')).toThrow(/32 characters/);
		expect(() => linkKeyring(`16:${'a'.repeat(44)}`)).toThrow(/from 1 to 15/);
		expect(() => linkKeyring(`1:${'a'.repeat(44)},1:${'b'.repeat(44)}`)).toThrow(/own id/);
		expect(linkKeyring(null)).toBeNull();
	});
});
