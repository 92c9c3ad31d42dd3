import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachingStatements } from './statement-cache';

describe('prepared statements kept for the embedded database', () => {
	it('prepares a text once, answers from it every time, and forgets the least used first', () => {
		const sqlite = new SQLite(':memory:');
		const db = cachingStatements(sqlite, 2);
		const first = db.prepare('select ? as n');
		expect(db.prepare('select ? as n')).toBe(first);
		expect(first.all([1])).toEqual([{ n: 1 }]);
		expect(db.prepare('select ? as n').all([2])).toEqual([{ n: 2 }]);

		const other = db.prepare('select 2 as n');
		db.prepare('select ? as n'); // used again: the other one is now the oldest
		db.prepare('select 3 as n'); // the cache is full: 'select 2' goes
		expect(db.prepare('select ? as n')).toBe(first);
		expect(db.prepare('select 2 as n')).not.toBe(other);
		db.close();
	});
});
