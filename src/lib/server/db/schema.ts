export interface CatalogueRow {
	id: string;
	position: number;
	/** The record as JSON; kept as text so the same SQL runs on SQLite and PostgreSQL. */
	data: string;
	version: number;
	deleted: number;
}

export interface ServiceRow extends CatalogueRow {
	theme_id: string;
}

export interface Database {
	catalogue_themes: CatalogueRow;
	catalogue_services: ServiceRow;
	app_meta: { key: string; value: string };
	change_counters: { name: string; value: number };
}
