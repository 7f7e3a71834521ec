// Custom resource (after migrations): creates the service login roles with the passwords generated in
// their secrets, and grants them exactly what they need. Runs SQL through the RDS Data API with the
// master secret. Existing roles keep their (possibly rotated) passwords.
import { ExecuteStatementCommand, RDSDataClient } from '@aws-sdk/client-rds-data';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createGroupStatement, createLoginStatement, grantStatements } from './statements.mjs';

const rds = new RDSDataClient({});
const secrets = new SecretsManagerClient({});

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
  await sql(p, createLoginStatement(role.Name, JSON.parse(secret.SecretString).password));
}

export async function onEvent(event) {
  const p = event.ResourceProperties;
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  await sql(p, createGroupStatement(p.AppGroup));
  for (const role of p.Roles) await ensureLogin(p, role);
  const statements = grantStatements({
    appGroup: p.AppGroup,
    masterUsername: p.MasterUsername,
    roles: p.Roles,
  });
  for (const statement of statements) await sql(p, statement);
  return { PhysicalResourceId: `critic-db-roles-${p.Database}` };
}
