/** Set by a page showing form errors: the layout then starts the title with "Erreur :". */
class PageTitle {
	hasErrors = $state(false);
}

export const pageTitle = new PageTitle();
