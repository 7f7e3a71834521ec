import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  commonEnvironment,
  databaseSecretVariables,
  WORKER_DB_POOL_MAX,
  withDatabaseUrl,
} from './container-env';
import type { GraderTaskProps } from './grader-task-props';
import { retainedLogGroup } from './log-group';
import { GRADER_UID, PythonSandboxHost } from './python-sandbox-host';
import { graderWorkerRole } from './worker-role';
import { scaleWorkersOnQueue } from './worker-scaling';

export interface CpuWorkersProps extends GraderTaskProps {
  cpu: number;
  memoryMiB: number;
  minWorkers: number;
  maxWorkers: number;
  /** Jobs one task grades at once. */
  concurrency: number;
  jobsPerWorker: number;
  /**
   * `ec2` (Python submissions can be graded): tasks on EC2 instances whose seccomp profile lets
   * bubblewrap make its namespaces (PythonSandboxHost). `fargate`: no Python (bubblewrap cannot run there).
   */
  capacity: 'ec2' | 'fargate';
  /** EC2 instance type of the `ec2` capacity. */
  instanceType: string;
}

/** Where the grader image keeps the pinned Python runtime (the contract with the image). */
export const IMAGE_PYTHON_DIR = '/opt/critic/python';

/** Polling grader workers (`work` mode), 0…maxWorkers tasks driven by the queue, on EC2 (Python) or Fargate. */
export class CpuWorkers extends Construct {
  readonly service: ecs.Ec2Service | ecs.FargateService;
  readonly taskRole: iam.Role;
  readonly taskDefinition: ecs.Ec2TaskDefinition | ecs.FargateTaskDefinition;
  /** The EC2 capacity of the `ec2` variant. */
  readonly host: PythonSandboxHost | undefined;

  constructor(scope: Construct, id: string, props: CpuWorkersProps) {
    super(scope, id);
    this.taskRole = graderWorkerRole(this, 'TaskRole', props.bucket, props.cluster);
    const ec2Capacity = props.capacity === 'ec2';
    this.host = ec2Capacity
      ? new PythonSandboxHost(this, 'PythonSandboxHost', {
          cluster: props.cluster,
          instanceType: props.instanceType,
          maxInstances: props.maxWorkers,
        })
      : undefined;
    this.taskDefinition = ec2Capacity
      ? new ecs.Ec2TaskDefinition(this, 'Task', {
          networkMode: ecs.NetworkMode.AWS_VPC,
          taskRole: this.taskRole,
        })
      : new ecs.FargateTaskDefinition(this, 'Task', {
          cpu: props.cpu,
          memoryLimitMiB: props.memoryMiB,
          taskRole: this.taskRole,
          runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64 },
        });
    this.taskDefinition.addContainer('worker', {
      image: props.image,
      command: withDatabaseUrl(props.command),
      ...(ec2Capacity
        ? {
            cpu: props.cpu,
            memoryReservationMiB: props.memoryMiB,
            // Unprivileged, no added capabilities: bubblewrap uses a user namespace per submission.
            user: GRADER_UID,
            privileged: false,
          }
        : {}),
      environment: {
        ...commonEnvironment(props.bucket.bucketName, props.region),
        CRITIC_GRADER_QUEUE: props.queue,
        CRITIC_DB_POOL_MAX: String(WORKER_DB_POOL_MAX),
        CRITIC_GRADER_CONCURRENCY: String(props.concurrency),
        CRITIC_GRADER_VERSION: props.graderVersion,
        CRITIC_PYTHON_DIR: IMAGE_PYTHON_DIR,
      },
      secrets: databaseSecretVariables(props.databaseSecret),
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'worker',
        logGroup: retainedLogGroup(this, 'Logs', props.logRetentionDays),
      }),
      // The grader finishes or releases its job on SIGTERM; Fargate allows at most 120 s before SIGKILL.
      stopTimeout: Duration.seconds(120),
    });
    const serviceProps = {
      cluster: props.cluster,
      desiredCount: 0,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      circuitBreaker: { rollback: false },
      minHealthyPercent: 0,
    };
    this.service =
      this.taskDefinition instanceof ecs.Ec2TaskDefinition
        ? new ecs.Ec2Service(this, 'Service', {
            ...serviceProps,
            taskDefinition: this.taskDefinition,
            capacityProviderStrategies: [
              { capacityProvider: this.host!.capacityProvider.capacityProviderName, weight: 1 },
            ],
          })
        : new ecs.FargateService(this, 'Service', { ...serviceProps, taskDefinition: this.taskDefinition });
    scaleWorkersOnQueue(this.service, {
      queue: props.queue,
      jobsPerWorker: props.jobsPerWorker,
      maxWorkers: props.maxWorkers,
      minWorkers: props.minWorkers,
      concurrency: props.concurrency,
    });
  }
}
