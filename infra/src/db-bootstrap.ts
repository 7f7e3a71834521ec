import * as path from 'node:path';
import { CustomResource, Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, type IDependable } from 'constructs';
import { databaseSecretVariables, withDatabaseUrl } from './container-env';
import { DATABASE_NAME, type Database, MASTER_USERNAME } from './database';
import { LAMBDA_RUNTIME } from './lambda-runtime';
import { retainedLogGroup } from './log-group';
import { LAMBDA_DIR } from './queue-metrics-publisher';

export interface DbBootstrapProps {
  cluster: ecs.Cluster;
  database: Database;
  /** Image holding the migrations (the grader image ships packages/db). */
  image: ecs.ContainerImage;
  /** Command applying the migrations (DATABASE_URL is set from the master secret). */
  command: string;
  /** Changes whenever the migrations may have changed (the image tag), so the step re-runs. */
  trigger: string;
  logRetentionDays: number;
}

/**
 * Runs on every deploy, before the services start: (1) a one-off Fargate task applies the drizzle
 * migrations as the master user, and CloudFormation waits until it exits 0 (a failure rolls the
 * deploy back); (2) a Lambda creates the service roles and grants through the Data API.
 * Services depend on {@link DbBootstrap.done}.
 */
export class DbBootstrap extends Construct {
  /** Depend on this to start only after migrations and grants. */
  readonly done: IDependable;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: DbBootstrapProps) {
    super(scope, id);
    const { database } = props;
    const master = database.cluster.secret!;
    const task = new ecs.FargateTaskDefinition(this, 'MigrateTask', { cpu: 512, memoryLimitMiB: 1024 });
    task.addContainer('migrate', {
      image: props.image,
      command: withDatabaseUrl(props.command),
      environment: { NODE_ENV: 'production' },
      secrets: databaseSecretVariables(master),
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'migrate',
        logGroup: retainedLogGroup(this, 'MigrateLogs', props.logRetentionDays),
      }),
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'MigrateSecurityGroup', {
      vpc: props.cluster.vpc,
      description: 'Critic migration task',
    });
    database.allowFrom(this.securityGroup, 'migration task');

    // `${name}Function` running `handler` of the lambda/<asset> folder, logging to `${name}Logs`.
    const handlerFunction = (name: string, asset: string, handler: string, timeout: Duration) =>
      new lambda.Function(this, `${name}Function`, {
        runtime: LAMBDA_RUNTIME,
        handler,
        code: lambda.Code.fromAsset(path.join(LAMBDA_DIR, asset)),
        timeout,
        logGroup: retainedLogGroup(this, `${name}Logs`, props.logRetentionDays),
      });
    // The migration's provider: onEvent starts the task, isComplete polls it until it exits.
    const runTask = handlerFunction('RunTask', 'run-task', 'index.onEvent', Duration.minutes(1));
    const pollTask = handlerFunction('PollTask', 'run-task', 'index.isComplete', Duration.minutes(1));
    runTask.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['ecs:RunTask'], resources: [task.taskDefinitionArn] }),
    );
    runTask.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [task.taskRole.roleArn, task.obtainExecutionRole().roleArn],
      }),
    );
    pollTask.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ecs:DescribeTasks'],
        resources: ['*'],
        conditions: { ArnEquals: { 'ecs:cluster': props.cluster.clusterArn } },
      }),
    );
    const migrationProvider = new cr.Provider(this, 'MigrationProvider', {
      onEventHandler: runTask,
      isCompleteHandler: pollTask,
      queryInterval: Duration.seconds(15),
      totalTimeout: Duration.minutes(30),
      logGroup: retainedLogGroup(this, 'MigrationProviderLogs', props.logRetentionDays),
      disableWaiterStateMachineLogging: true,
    });
    const subnets = props.cluster.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
    const migration = new CustomResource(this, 'Migration', {
      serviceToken: migrationProvider.serviceToken,
      resourceType: 'Custom::CriticMigration',
      properties: {
        Cluster: props.cluster.clusterArn,
        TaskDefinition: task.taskDefinitionArn,
        Subnets: subnets.subnetIds,
        SecurityGroups: [this.securityGroup.securityGroupId],
        Trigger: props.trigger,
      },
    });
    migration.node.addDependency(database.cluster);

    const rolesFunction = handlerFunction('Roles', 'db-roles', 'index.onEvent', Duration.minutes(2));
    rolesFunction.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['rds-data:ExecuteStatement'],
        resources: [database.cluster.clusterArn],
      }),
    );
    master.grantRead(rolesFunction);
    const roles = Object.entries(database.roleSecrets).map(([role, secret]) => {
      secret.grantRead(rolesFunction);
      return {
        Name: `critic_${role}`,
        SecretArn: secret.secretArn,
        Group: role === 'metrics' ? 'metrics' : 'app',
      };
    });
    const rolesProvider = new cr.Provider(this, 'RolesProvider', {
      onEventHandler: rolesFunction,
      logGroup: retainedLogGroup(this, 'RolesProviderLogs', props.logRetentionDays),
    });
    const grants = new CustomResource(this, 'Roles', {
      serviceToken: rolesProvider.serviceToken,
      resourceType: 'Custom::CriticDbRoles',
      properties: {
        ClusterArn: database.cluster.clusterArn,
        MasterSecretArn: master.secretArn,
        MasterUsername: MASTER_USERNAME,
        Database: DATABASE_NAME,
        AppGroup: 'critic_app',
        Roles: roles,
        Trigger: props.trigger,
      },
    });
    grants.node.addDependency(migration);
    this.done = grants;
  }
}
