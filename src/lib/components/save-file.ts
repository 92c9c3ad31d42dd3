/**
 * Gives a file made on the tablet to the browser to save, as a download link she clicked would.
 * The link is in the page while clicked (some browsers ignore a detached one), and its address
 * lives a while after (revoked at once, a slow tablet's download can find it gone).
 */
export function saveFile(blob: Blob, name: string) {
	const url = URL.createObjectURL(blob);
	const link = Object.assign(document.createElement('a'), { href: url, download: name });
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
