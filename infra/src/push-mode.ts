import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { commonEnvironment, databaseSecretVariables, withDatabaseUrl } from './container-env';
import type { GraderTaskProps } from './grader-task-props';
import { LAMBDA_RUNTIME } from './lambda-runtime';
import { retainedLogGroup } from './log-group';
import { LAMBDA_DIR } from './queue-metrics-publisher';
import { graderWorkerRole } from './worker-role';

/** Push mode's props; its `command` starts the grader's Hono HTTP server. */
export interface PushModeProps extends GraderTaskProps {
  tasks: number;
}

/** Port of the grader's HTTP server. */
export const GRADER_HTTP_PORT = 8080;
/** Attempts before a push message is dead-lettered. */
export const PUSH_MAX_RECEIVES = 3;
/** Longest a single grading may take through push mode (the dispatcher waits for the answer). */
const DISPATCH_TIMEOUT = Duration.minutes(15);

/**
 * Push mode: the web app sends {"jobId"} to an SQS queue after inserting the job; a dispatcher Lambda
 * (in the VPC) calls the grader's `POST /jobs/:id` with the shared secret. The grader HTTP tasks are
 * reachable only inside the VPC, by Cloud Map DNS (grader.critic.internal), and only from the dispatcher.
 * Polling workers stay as the safety net: a job claimed by one mode is skipped by the other (SKIP LOCKED).
 */
export class PushMode extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly sharedSecret: secretsmanager.Secret;
  readonly service: ecs.FargateService;
  readonly dispatcher: lambda.Function;

  constructor(scope: Construct, id: string, props: PushModeProps) {
    super(scope, id);
    this.sharedSecret = new secretsmanager.Secret(this, 'SharedSecret', {
      description: 'Bearer token the push dispatcher presents to the grader (POST /jobs/:id)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
    });
    this.queue = new sqs.Queue(this, 'Jobs', {
      visibilityTimeout: Duration.seconds(DISPATCH_TIMEOUT.toSeconds() * 6),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: PUSH_MAX_RECEIVES },
    });

    const namespace = new servicediscovery.PrivateDnsNamespace(this, 'Namespace', {
      name: 'critic.internal',
      vpc: props.cluster.vpc,
    });
    const task = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: 1024,
      memoryLimitMiB: 2048,
      taskRole: graderWorkerRole(this, 'TaskRole', props.bucket, props.cluster),
    });
    task.addContainer('grader-http', {
      image: props.image,
      command: withDatabaseUrl(props.command),
      environment: {
        ...commonEnvironment(props.bucket.bucketName, props.region),
        PORT: String(GRADER_HTTP_PORT),
        // The dispatcher reaches the listener over the VPC (the grader binds loopback by default).
        CRITIC_GRADER_HOST: '0.0.0.0',
        CRITIC_GRADER_VERSION: props.graderVersion,
        CRITIC_GRADER_QUEUE: props.queue,
      },
      secrets: {
        ...databaseSecretVariables(props.databaseSecret),
        CRITIC_GRADER_SECRET: ecs.Secret.fromSecretsManager(this.sharedSecret),
      },
      portMappings: [{ containerPort: GRADER_HTTP_PORT }],
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'grader-http',
        logGroup: retainedLogGroup(this, 'Logs', props.logRetentionDays),
      }),
      healthCheck: {
        command: [
          'CMD',
          'node',
          '-e',
          `fetch('http://127.0.0.1:${GRADER_HTTP_PORT}/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
        ],
        startPeriod: Duration.seconds(30),
      },
    });
    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster,
      taskDefinition: task,
      desiredCount: props.tasks,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      circuitBreaker: { rollback: true },
      cloudMapOptions: { name: 'grader', cloudMapNamespace: namespace, dnsTtl: Duration.seconds(10) },
      minHealthyPercent: 100,
    });

    this.dispatcher = new lambda.Function(this, 'Dispatcher', {
      runtime: LAMBDA_RUNTIME,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(LAMBDA_DIR, 'push-dispatch')),
      timeout: DISPATCH_TIMEOUT,
      memorySize: 256,
      description: 'Calls the grader POST /jobs/:id for each pushed job',
      vpc: props.cluster.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      logGroup: retainedLogGroup(this, 'DispatcherLogs', props.logRetentionDays),
      environment: {
        GRADER_URL: `http://grader.critic.internal:${GRADER_HTTP_PORT}`,
        SHARED_SECRET_ARN: this.sharedSecret.secretArn,
      },
    });
    this.sharedSecret.grantRead(this.dispatcher);
    this.service.connections.allowFrom(this.dispatcher, ec2.Port.tcp(GRADER_HTTP_PORT), 'push dispatcher');
    this.dispatcher.addEventSource(
      new sources.SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true }),
    );
  }
}
