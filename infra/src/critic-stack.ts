import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type { Construct } from 'constructs';
import { Alarms } from './alarms';
import { ArtifactBucket } from './artifact-bucket';
import type { InfraConfig } from './config';
import { CpuWorkers } from './cpu-workers';
import { DATABASE_NAME, Database } from './database';
import { DbBootstrap } from './db-bootstrap';
import { GpuWorkers } from './gpu-workers';
import { Network } from './network';
import { PushMode } from './push-mode';
import { QueueMetricsPublisher } from './queue-metrics-publisher';
import { WebService } from './web-service';

export interface CriticStackProps extends StackProps {
  config: InfraConfig;
}

/** The whole deployment: network, data, web, graders (CPU, optional GPU, optional push), metrics, alarms. */
export class CriticStack extends Stack {
  readonly network: Network;
  readonly artifacts: ArtifactBucket;
  readonly database: Database;
  readonly web: WebService;
  readonly workers: CpuWorkers;
  readonly gpuWorkers: GpuWorkers | undefined;
  readonly push: PushMode | undefined;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: CriticStackProps) {
    super(scope, id, props);
    const c = props.config;
    this.network = new Network(this, 'Network', { natGateways: c.natGateways });
    const { vpc } = this.network;
    this.artifacts = new ArtifactBucket(this, 'Artifacts');
    const { bucket } = this.artifacts;
    this.database = new Database(this, 'Database', { vpc, minAcu: c.dbMinAcu, maxAcu: c.dbMaxAcu });
    const secrets = this.database.roleSecrets;

    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const webImage = ecs.ContainerImage.fromEcrRepository(
      ecr.Repository.fromRepositoryName(this, 'WebRepository', c.webRepository),
      c.imageTag,
    );
    const graderImage = ecs.ContainerImage.fromEcrRepository(
      ecr.Repository.fromRepositoryName(this, 'GraderRepository', c.graderRepository),
      c.imageTag,
    );

    const bootstrap = new DbBootstrap(this, 'DbBootstrap', {
      cluster,
      database: this.database,
      image: graderImage,
      command: c.migrateCommand,
      trigger: c.imageTag,
      logRetentionDays: c.logRetentionDays,
    });

    this.push = c.pushMode
      ? new PushMode(this, 'PushMode', {
          cluster,
          image: graderImage,
          command: c.graderHttpCommand,
          bucket,
          databaseSecret: secrets.grader,
          tasks: c.pushTasks,
          graderVersion: c.imageTag,
          queue: c.cpuQueue,
          logRetentionDays: c.logRetentionDays,
          region: this.region,
        })
      : undefined;

    this.web = new WebService(this, 'Web', {
      cluster,
      image: webImage,
      command: c.webCommand,
      bucket,
      databaseSecret: secrets.web,
      certificateArn: c.certificateArn,
      healthCheckPath: c.webHealthPath,
      origin: c.webOrigin,
      desiredCount: c.webTasks,
      logRetentionDays: c.logRetentionDays,
      region: this.region,
      environment: {
        CRITIC_GRADER_QUEUE: c.cpuQueue,
        ...(c.gpuInstanceType === undefined ? {} : { CRITIC_GRADER_GPU_QUEUE: c.gpuQueue }),
        ...(this.push === undefined ? {} : { CRITIC_PUSH_QUEUE_URL: this.push.queue.queueUrl }),
      },
    });
    this.push?.queue.grantSendMessages(this.web.taskRole);

    this.workers = new CpuWorkers(this, 'Workers', {
      cluster,
      image: graderImage,
      command: c.workerCommand,
      bucket,
      databaseSecret: secrets.grader,
      queue: c.cpuQueue,
      cpu: c.workerCpu,
      memoryMiB: c.workerMemoryMiB,
      minWorkers: c.minWorkers,
      concurrency: c.workerConcurrency,
      graderVersion: c.imageTag,
      maxWorkers: c.maxWorkers,
      jobsPerWorker: c.jobsPerWorker,
      logRetentionDays: c.logRetentionDays,
      region: this.region,
      capacity: c.graderCapacity,
      instanceType: c.workerInstanceType,
    });

    this.gpuWorkers =
      c.gpuInstanceType === undefined
        ? undefined
        : new GpuWorkers(this, 'GpuWorkers', {
            cluster,
            image: graderImage,
            command: c.workerCommand,
            bucket,
            databaseSecret: secrets.grader,
            queue: c.gpuQueue,
            instanceType: c.gpuInstanceType,
            maxWorkers: c.maxGpuWorkers,
            graderVersion: c.imageTag,
            logRetentionDays: c.logRetentionDays,
            region: this.region,
          });

    const services: [string, ecs.BaseService][] = [
      ['web', this.web.service],
      ['cpu workers', this.workers.service],
    ];
    if (this.gpuWorkers !== undefined) services.push(['gpu workers', this.gpuWorkers.service]);
    if (this.push !== undefined) services.push(['grader http', this.push.service]);
    for (const [name, service] of services) {
      this.database.allowFrom(service, name);
      service.node.addDependency(bootstrap.done);
    }

    const queues = c.gpuInstanceType === undefined ? [c.cpuQueue] : [c.cpuQueue, c.gpuQueue];
    const metrics = new QueueMetricsPublisher(this, 'QueueMetrics', {
      cluster: this.database.cluster,
      secret: secrets.metrics,
      databaseName: DATABASE_NAME,
      queues,
      logRetentionDays: c.logRetentionDays,
    });
    metrics.node.addDependency(bootstrap.done);

    this.alarms = new Alarms(this, 'Alarms', {
      queues,
      queueAgeSeconds: c.queueAgeAlarmSeconds,
      loadBalancer: this.web.loadBalancer,
      metricsFunction: metrics.function,
      pushDeadLetterQueue: this.push?.deadLetterQueue,
      email: c.alarmEmail,
    });

    const scheme = c.certificateArn === undefined ? 'http' : 'https';
    new CfnOutput(this, 'WebUrl', { value: `${scheme}://${this.web.loadBalancer.loadBalancerDnsName}` });
    new CfnOutput(this, 'ArtifactBucketName', { value: bucket.bucketName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    if (this.push !== undefined) new CfnOutput(this, 'PushQueueUrl', { value: this.push.queue.queueUrl });
  }
}
