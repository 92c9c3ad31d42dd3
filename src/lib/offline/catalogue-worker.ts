/// <reference lib="webworker" />
// The catalogue's pull, off the page's thread. Reading a large answer and writing it to the
// device's store in one transaction (so she never holds half a catalogue) cannot be cut into
// short steps on the page's thread: at 10,000 services it held the page still for 4 s on a slow
// tablet. Here it holds nothing she sees; the pages hear of the change through Dexie, which tells
// every tab and worker of the same store.
import { pullCatalogue } from './catalogue-sync';
import { portalDb } from './db';

self.onmessage = async () => {
	try {
		self.postMessage({ result: await pullCatalogue(portalDb()) });
	} catch (error) {
		// fetch rejects with a TypeError only when no answer came at all (offline): said apart.
		self.postMessage({ error: String(error), network: error instanceof TypeError });
	}
};
