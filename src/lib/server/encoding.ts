export type Encoding = 'br' | 'gzip';

/** Brotli, else gzip, as the client accepts them (`q=0` refuses one); null for neither. */
export function preferredEncoding(header: string | null): Encoding | null {
	const accepted = new Set(
		(header ?? '')
			.split(',')
			.map((part) =>
				part
					.trim()
					.toLowerCase()
					.split(/\s*;\s*/)
			)
			.filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q))
			.map(([name]) => name)
	);
	return accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : null;
}
