// Custom resource (after migrations): creates the service login roles with the passwords generated in
// their secrets, and grants them exactly what they need. Runs SQL through the RDS Data API with the
// master secret. Existing roles keep their (possibly rotated) passwords.
import { ExecuteStatementCommand, RDSDataClient } from '@aws-sdk/client-rds-data';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

const rds = new RDSDataClient({});
const secrets = new SecretsManagerClient({});
const IDENT = /^[a-z_][a-z0-9_]*$/;

function ident(name) {
  if (!IDENT.test(name)) throw new Error(`role name ${JSON.stringify(name)} is not a plain SQL identifier`);
  return `"${name}"`;
}

async function sql(p, text, parameters = []) {
  return rds.send(
    new ExecuteStatementCommand({
      resourceArn: p.ClusterArn,
      secretArn: p.MasterSecretArn,
      database: p.Database,
      sql: text,
      parameters,
      formatRecordsAs: 'JSON',
    }),
  );
}

async function ensureLogin(p, role) {
  const found = await sql(p, 'select 1 from pg_roles where rolname = :name', [
    { name: 'name', value: { stringValue: role.Name } },
  ]);
  if (JSON.parse(found.formattedRecords ?? '[]').length > 0) return;
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: role.SecretArn }));
  const { password } = JSON.parse(secret.SecretString);
  await sql(p, `create role ${ident(role.Name)} login password '${String(password).replaceAll("'", "''")}'`);
}

export async function onEvent(event) {
  const p = event.ResourceProperties;
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const app = ident(p.AppGroup);
  await sql(p, `do $$ begin create role ${app} nologin; exception when duplicate_object then null; end $$`);
  for (const role of p.Roles) {
    await ensureLogin(p, role);
    if (role.Group === 'app') await sql(p, `grant ${app} to ${ident(role.Name)}`);
  }
  const master = ident(p.MasterUsername);
  const statements = [
    `grant usage on schema public to ${app}`,
    `grant select, insert, update, delete on all tables in schema public to ${app}`,
    `grant usage, select, update on all sequences in schema public to ${app}`,
    `alter default privileges for role ${master} in schema public grant select, insert, update, delete on tables to ${app}`,
    `alter default privileges for role ${master} in schema public grant usage, select, update on sequences to ${app}`,
  ];
  for (const role of p.Roles.filter((r) => r.Group === 'metrics')) {
    statements.push(`grant usage on schema public to ${ident(role.Name)}`);
    statements.push(`grant select (queue, status, available_at, finished_at) on jobs to ${ident(role.Name)}`);
  }
  for (const statement of statements) await sql(p, statement);
  return { PhysicalResourceId: `critic-db-roles-${p.Database}` };
}
