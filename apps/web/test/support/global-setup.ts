import { testPostgresSetup } from '@critic/db/testing';

/** One Postgres for the run: DATABASE_URL's, or an embedded server in a temporary directory. */
export default testPostgresSetup('web-test');
