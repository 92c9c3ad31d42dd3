// Runs in <head>, before the first paint, on every page including the offline shell: applies the
// display settings and language kept on this device, so large text or dark contrast never flash.
// It is a plain file (not inline) so the content security policy needs no 'unsafe-inline'.
// The format is src/lib/settings/display.ts's: "text.contrast.spacing.motion"; display.test.ts
// runs this file against it, so the two cannot drift apart.
(function () {
	var root = document.documentElement;
	// Lets the header fold its menu only when a script can unfold it again.
	root.classList.add('js');
	var allowed = [
		['text', ['100', '125', '150', '200']],
		['contrast', ['standard', 'reinforced', 'dark']],
		['spacing', ['normal', 'wide']],
		['motion', ['auto', 'reduce']]
	];
	try {
		var stored = localStorage.getItem('display');
		if (stored) {
			var parts = stored.split('.');
			for (var i = 0; i < allowed.length; i++) {
				if (allowed[i][1].indexOf(parts[i]) >= 0)
					root.setAttribute('data-' + allowed[i][0], parts[i]);
			}
		}
		// src/lib/i18n/languages.ts's TRANSLATED and RTL (display.test.ts keeps them in step).
		var lang = localStorage.getItem('lang');
		if (['fr', 'fr-x-falc', 'en', 'ar', 'pt', 'es'].indexOf(lang) >= 0) {
			root.lang = lang;
			root.dir = lang === 'ar' ? 'rtl' : 'ltr';
		}
	} catch {
		// Storage can be refused (private browsing): the server's attributes stay.
	}
})();
