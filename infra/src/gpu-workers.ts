import { Duration } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
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
import { graderWorkerRole } from './worker-role';
import { scaleWorkersOnQueue } from './worker-scaling';

/** GPU workers' props; their `queue` is the queue of GPU jobs (heavier envs, tfjs-node-gpu). */
export interface GpuWorkersProps extends GraderTaskProps {
  /** EC2 instance type with one NVIDIA GPU, e.g. g4dn.xlarge. */
  instanceType: string;
  maxWorkers: number;
}

/**
 * GPU grader workers: an ECS service on an EC2 capacity provider (ECS-optimized GPU AMI, resolved from
 * SSM at deploy time, not at synth). The Auto Scaling group starts at 0 instances; ECS managed scaling
 * launches one when the service asks for a task and none can be placed. One task per instance (1 GPU).
 */
export class GpuWorkers extends Construct {
  readonly service: ecs.Ec2Service;
  readonly taskRole: iam.Role;

  constructor(scope: Construct, id: string, props: GpuWorkersProps) {
    super(scope, id);
    const securityGroup = new ec2.SecurityGroup(this, 'InstanceSecurityGroup', {
      vpc: props.cluster.vpc,
      description: 'Critic GPU worker instances (no ingress)',
    });
    const group = new autoscaling.AutoScalingGroup(this, 'Instances', {
      vpc: props.cluster.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      instanceType: new ec2.InstanceType(props.instanceType),
      machineImage: ecs.EcsOptimizedImage.amazonLinux2(ecs.AmiHardwareType.GPU),
      minCapacity: 0,
      maxCapacity: props.maxWorkers,
      securityGroup,
      requireImdsv2: true,
      newInstancesProtectedFromScaleIn: false,
    });
    const provider = new ecs.AsgCapacityProvider(this, 'CapacityProvider', {
      autoScalingGroup: group,
      enableManagedScaling: true,
      enableManagedTerminationProtection: false,
      targetCapacityPercent: 100,
    });
    props.cluster.addAsgCapacityProvider(provider);

    this.taskRole = graderWorkerRole(this, 'TaskRole', props.bucket, props.cluster);
    const task = new ecs.Ec2TaskDefinition(this, 'Task', {
      networkMode: ecs.NetworkMode.AWS_VPC,
      taskRole: this.taskRole,
    });
    task.addContainer('worker', {
      image: props.image,
      command: withDatabaseUrl(props.command),
      gpuCount: 1,
      cpu: 2048,
      memoryReservationMiB: 8192,
      environment: {
        ...commonEnvironment(props.bucket.bucketName, props.region),
        CRITIC_GRADER_QUEUE: props.queue,
        CRITIC_DB_POOL_MAX: String(WORKER_DB_POOL_MAX),
        CRITIC_GRADER_CONCURRENCY: '1',
        CRITIC_GRADER_VERSION: props.graderVersion,
        CRITIC_TFJS_BACKEND: 'tfjs-node-gpu',
        // Python agents' PyTorch / ONNX models run on CUDA: the sandbox gets the NVIDIA devices.
        CRITIC_PYTHON_GPU: '1',
      },
      secrets: databaseSecretVariables(props.databaseSecret),
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'gpu-worker',
        logGroup: retainedLogGroup(this, 'Logs', props.logRetentionDays),
      }),
      stopTimeout: Duration.seconds(120),
    });
    this.service = new ecs.Ec2Service(this, 'Service', {
      cluster: props.cluster,
      taskDefinition: task,
      desiredCount: 0,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      circuitBreaker: { rollback: false },
      capacityProviderStrategies: [{ capacityProvider: provider.capacityProviderName, weight: 1 }],
      minHealthyPercent: 0,
    });
    scaleWorkersOnQueue(this.service, {
      queue: props.queue,
      jobsPerWorker: 1,
      concurrency: 1,
      maxWorkers: props.maxWorkers,
    });
  }
}
