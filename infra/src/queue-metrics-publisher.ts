import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { LAMBDA_RUNTIME } from './lambda-runtime';
import { retainedLogGroup } from './log-group';
import { QUEUE_NAMESPACE } from './queue-metric-names';

export interface QueueMetricsPublisherProps {
  cluster: rds.DatabaseCluster;
  /** The `critic_metrics` secret (SELECT on a few columns of `jobs`, nothing else). */
  secret: secretsmanager.ISecret;
  databaseName: string;
  /** Queues to report on (CPU and, when deployed, GPU). */
  queues: string[];
  logRetentionDays: number;
}

/** Directory of the Lambda handlers shipped with this package. */
export const LAMBDA_DIR = fileURLToPath(new URL('../lambda', import.meta.url));

/**
 * Who publishes queue depth: a Lambda run by an EventBridge rule every minute. It queries Postgres
 * through the Data API (no VPC, no driver) and writes the Critic/Queue metrics.
 */
export class QueueMetricsPublisher extends Construct {
  readonly function: lambda.Function;

  constructor(scope: Construct, id: string, props: QueueMetricsPublisherProps) {
    super(scope, id);
    this.function = new lambda.Function(this, 'Function', {
      runtime: LAMBDA_RUNTIME,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(LAMBDA_DIR, 'queue-metrics')),
      timeout: Duration.seconds(30),
      memorySize: 256,
      description: 'Publishes Critic job-queue depth and age to CloudWatch',
      logGroup: retainedLogGroup(this, 'Logs', props.logRetentionDays),
      environment: {
        CLUSTER_ARN: props.cluster.clusterArn,
        SECRET_ARN: props.secret.secretArn,
        DATABASE: props.databaseName,
        QUEUES: props.queues.join(','),
        NAMESPACE: QUEUE_NAMESPACE,
      },
    });
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['rds-data:ExecuteStatement'],
        resources: [props.cluster.clusterArn],
      }),
    );
    props.secret.grantRead(this.function);
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': QUEUE_NAMESPACE } },
      }),
    );
    new events.Rule(this, 'EveryMinute', {
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(this.function)],
    });
  }
}
