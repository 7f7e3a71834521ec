import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import {
  commonEnvironment,
  databaseSecretVariables,
  WORKER_DB_POOL_MAX,
  withDatabaseUrl,
} from './container-env';
import { retainedLogGroup } from './log-group';
import { graderWorkerRole } from './worker-role';
import { scaleWorkersOnQueue } from './worker-scaling';

export interface CpuWorkersProps {
  cluster: ecs.ICluster;
  image: ecs.ContainerImage;
  command: string;
  bucket: s3.IBucket;
  /** The `critic_grader` database secret. */
  databaseSecret: secretsmanager.ISecret;
  queue: string;
  cpu: number;
  memoryMiB: number;
  minWorkers: number;
  maxWorkers: number;
  /** Jobs one task grades at once. */
  concurrency: number;
  /** Recorded in every evaluation (CRITIC_GRADER_VERSION): the deployed image tag. */
  graderVersion: string;
  jobsPerWorker: number;
  logRetentionDays: number;
  region: string;
}

/** Polling grader workers (`work` mode) on Fargate, 0…maxWorkers tasks driven by the queue. */
export class CpuWorkers extends Construct {
  readonly service: ecs.FargateService;
  readonly taskRole: iam.Role;
  readonly taskDefinition: ecs.FargateTaskDefinition;

  constructor(scope: Construct, id: string, props: CpuWorkersProps) {
    super(scope, id);
    this.taskRole = graderWorkerRole(this, 'TaskRole', props.bucket, props.cluster);
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: props.cpu,
      memoryLimitMiB: props.memoryMiB,
      taskRole: this.taskRole,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64 },
    });
    this.taskDefinition.addContainer('worker', {
      image: props.image,
      command: withDatabaseUrl(props.command),
      environment: {
        ...commonEnvironment(props.bucket.bucketName, props.region),
        CRITIC_GRADER_QUEUE: props.queue,
        CRITIC_DB_POOL_MAX: String(WORKER_DB_POOL_MAX),
        CRITIC_GRADER_CONCURRENCY: String(props.concurrency),
        CRITIC_GRADER_VERSION: props.graderVersion,
      },
      secrets: databaseSecretVariables(props.databaseSecret),
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'worker',
        logGroup: retainedLogGroup(this, 'Logs', props.logRetentionDays),
      }),
      // The grader finishes or releases its job on SIGTERM; Fargate allows at most 120 s before SIGKILL.
      stopTimeout: Duration.seconds(120),
    });
    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: 0,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      circuitBreaker: { rollback: false },
      minHealthyPercent: 0,
    });
    scaleWorkersOnQueue(this.service, {
      queue: props.queue,
      jobsPerWorker: props.jobsPerWorker,
      maxWorkers: props.maxWorkers,
      minWorkers: props.minWorkers,
      concurrency: props.concurrency,
    });
  }
}
