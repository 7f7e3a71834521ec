import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

/**
 * The libpq variables filled from one attached RDS secret (fields host, port, username, password, dbname).
 * ECS reads them with the task's execution role at start, so only that role needs the secret.
 */
export function databaseSecretVariables(secret: secretsmanager.ISecret): Record<string, ecs.Secret> {
  return {
    PGHOST: ecs.Secret.fromSecretsManager(secret, 'host'),
    PGPORT: ecs.Secret.fromSecretsManager(secret, 'port'),
    PGUSER: ecs.Secret.fromSecretsManager(secret, 'username'),
    PGPASSWORD: ecs.Secret.fromSecretsManager(secret, 'password'),
    PGDATABASE: ecs.Secret.fromSecretsManager(secret, 'dbname'),
  };
}

/**
 * Wraps `command` so it starts with DATABASE_URL composed from the PG* variables (the apps read
 * DATABASE_URL; `$VAR` without braces, so CloudFormation does not mistake it for a Sub parameter). Generated and rotated passwords exclude URL-special characters (CDK's default
 * exclusion list: space % + ~ ` # $ & * ( ) | [ ] { } : ; < > ? ! ' / @ " \), so no escaping is needed.
 */
export function withDatabaseUrl(command: string): string[] {
  const compose =
    'export DATABASE_URL="postgres://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE?sslmode=require"';
  return ['sh', '-c', `${compose} && exec ${command}`];
}

/** Settings every Critic container shares: the artifact bucket and no migrations at start-up. */
export function commonEnvironment(bucketName: string, region: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    S3_BUCKET: bucketName,
    S3_REGION: region,
    S3_FORCE_PATH_STYLE: 'false',
    // Migrations run once per deploy as their own task (see DbBootstrap), under the master role.
    CRITIC_DB_MIGRATE_ON_START: 'false',
  };
}

/**
 * Postgres pool size of a grader worker: it grades one job at a time, so a few connections suffice, and
 * maxWorkers × pool stays far below Aurora's max_connections (derived from the maximum ACU).
 */
export const WORKER_DB_POOL_MAX = 3;
