import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-catalogue';
import * as m002 from './002-requests-appointments';
import * as m003 from './003-staff';
import * as m004 from './004-drafts-assisted-bookings';
import * as m005 from './005-counters-quotas';
import * as m006 from './006-booking-contact';
import * as m007 from './007-inbox-indexes';
import * as m008 from './008-leases';
import * as m009 from './009-notices';
import * as m010 from './010-notice-budgets';
import * as m011 from './011-casework';
import * as m012 from './012-tablet-codes';
import * as m013 from './013-document-pages';
import * as m014 from './014-request-messages';
import * as m015 from './015-request-registration';

// Listed in code rather than read from a folder, so the bundled server carries its migrations.
const migrations: Record<string, Migration> = {
	'001-catalogue': m001,
	'002-requests-appointments': m002,
	'003-staff': m003,
	'004-drafts-assisted-bookings': m004,
	'005-counters-quotas': m005,
	'006-booking-contact': m006,
	'007-inbox-indexes': m007,
	'008-leases': m008,
	'009-notices': m009,
	'010-notice-budgets': m010,
	'011-casework': m011,
	'012-tablet-codes': m012,
	'013-document-pages': m013,
	'014-request-messages': m014,
	'015-request-registration': m015
};

export const migrationProvider: MigrationProvider = {
	getMigrations: async () => migrations
};
