// The systemd unit the portal ships (deploy/systemd), scored by systemd's own security review.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('deploy/systemd', () => {
	it('is sandboxed: systemd-analyze security rates its exposure "OK"', () => {
		const dir = mkdtempSync(join(tmpdir(), 'portail-unit-'));
		const unit = join(dir, 'portail-seniors@3001.service');
		copyFileSync('deploy/systemd/portail-seniors@.service', unit);
		const report = execFileSync(
			'systemd-analyze',
			['security', '--offline=yes', '--no-pager', unit],
			{ encoding: 'utf8' }
		);
		const exposure = Number(/Overall exposure level[^:]*: ([\d.]+)/.exec(report)?.[1]);
		// 0 is a locked box, 10 the default unit (8.5 before issue 22); 2 or under is "OK".
		expect(exposure).toBeLessThanOrEqual(2);
		for (const line of [
			'UMask=',
			'CapabilityBoundingSet=~CAP_SYS_ADMIN',
			'SystemCallFilter=~@privileged'
		])
			expect(report).toMatch(new RegExp(`✓ ${line.replace(/[~@$]/g, '\\$&')}`));
	});
});
