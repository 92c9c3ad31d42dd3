/// <reference lib="webworker" />
// A page made ready off the page's thread: decoding a 12-megapixel photo, drawing it smaller and
// encoding it again takes a second or more on a slow tablet; here it holds nothing she sees.
import { preparePage } from './page-prepare';

self.onmessage = async (event: MessageEvent<Blob>) => {
	try {
		self.postMessage(await preparePage(event.data));
	} catch {
		self.postMessage({ code: 'documentUnreadable' });
	}
};
