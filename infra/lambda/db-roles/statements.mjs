// SQL of the roles step, apart from the AWS clients so the infra tests can run it on a real Postgres.

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** A double-quoted SQL identifier; refuses anything but plain lower-case names. */
export function ident(name) {
  if (!IDENT.test(name)) throw new Error(`role name ${JSON.stringify(name)} is not a plain SQL identifier`);
  return `"${name}"`;
}

/** Creates the group role if it does not exist (idempotent). */
export function createGroupStatement(group) {
  return `do $$ begin create role ${ident(group)} nologin; exception when duplicate_object then null; end $$`;
}

/** Creates a login role with `password` (single quotes doubled). */
export function createLoginStatement(name, password) {
  return `create role ${ident(name)} login password '${String(password).replaceAll("'", "''")}'`;
}

/**
 * Grants after migrations: the app group gets DML on every table and sequence in `public` (now and,
 * through default privileges, for tables the master creates later); metrics roles get SELECT on
 * the four columns of `jobs` the queue-metrics query reads, and nothing else.
 * roles: [{ Name, Group: 'app' | 'metrics' }]
 */
export function grantStatements({ appGroup, masterUsername, roles }) {
  const app = ident(appGroup);
  const master = ident(masterUsername);
  const statements = [];
  for (const role of roles.filter((r) => r.Group === 'app'))
    statements.push(`grant ${app} to ${ident(role.Name)}`);
  statements.push(
    `grant usage on schema public to ${app}`,
    `grant select, insert, update, delete on all tables in schema public to ${app}`,
    `grant usage, select, update on all sequences in schema public to ${app}`,
    `alter default privileges for role ${master} in schema public grant select, insert, update, delete on tables to ${app}`,
    `alter default privileges for role ${master} in schema public grant usage, select, update on sequences to ${app}`,
  );
  for (const role of roles.filter((r) => r.Group === 'metrics')) {
    statements.push(`grant usage on schema public to ${ident(role.Name)}`);
    statements.push(`grant select (queue, status, available_at, finished_at) on jobs to ${ident(role.Name)}`);
  }
  return statements;
}
