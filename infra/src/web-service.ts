import { Annotations, Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { commonEnvironment, databaseSecretVariables, withDatabaseUrl } from './container-env';
import { retainedLogGroup } from './log-group';

export interface WebServiceProps {
  cluster: ecs.ICluster;
  image: ecs.ContainerImage;
  command: string;
  bucket: s3.IBucket;
  /** The `critic_web` database secret (the only secret the web tasks can read). */
  databaseSecret: secretsmanager.ISecret;
  certificateArn: string | undefined;
  /** Path of the ALB health check. */
  healthCheckPath: string;
  /** Public origin of the site; undefined → the load balancer's DNS name (CSRF checks compare with it). */
  origin: string | undefined;
  desiredCount: number;
  logRetentionDays: number;
  region: string;
  /** Extra environment (e.g. the push queue URL). */
  environment?: Record<string, string>;
}

/** Port the Next.js server listens on inside the container. */
export const WEB_PORT = 3000;

/**
 * The Next.js app (UI + REST API) on Fargate behind an internet-facing ALB. Fargate rather than Lambda:
 * uploads stream large artifacts, status pages poll, and a warm Node process keeps the Postgres pool;
 * one small task costs about as much as the ALB in front of it.
 * HTTPS on 443 with the certificate from context; port 80 only redirects.
 */
export class WebService extends Construct {
  readonly service: ecs.FargateService;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly taskRole: iam.Role;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id);
    this.taskRole = new iam.Role(this, 'TaskRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Critic web: reads and writes artifacts',
    });
    this.taskRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ArtifactsReadWrite',
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [props.bucket.arnForObjects('*')],
      }),
    );
    const task = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: 512,
      memoryLimitMiB: 1024,
      taskRole: this.taskRole,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64 },
    });
    const container = task.addContainer('web', {
      image: props.image,
      command: withDatabaseUrl(props.command),
      environment: {
        ...commonEnvironment(props.bucket.bucketName, props.region),
        PORT: String(WEB_PORT),
        HOSTNAME: '0.0.0.0',
        // One load balancer appends the client's address to X-Forwarded-For.
        CRITIC_TRUSTED_PROXY_HOPS: '1',
        ...props.environment,
      },
      secrets: databaseSecretVariables(props.databaseSecret),
      portMappings: [{ containerPort: WEB_PORT }],
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'web',
        logGroup: retainedLogGroup(this, 'Logs', props.logRetentionDays),
      }),
    });
    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster,
      taskDefinition: task,
      desiredCount: props.desiredCount,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
    });
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
      vpc: props.cluster.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    });
    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'Targets', {
      vpc: props.cluster.vpc,
      port: WEB_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.service],
      deregistrationDelay: Duration.seconds(30),
      healthCheck: {
        path: props.healthCheckPath,
        healthyHttpCodes: '200-399',
        interval: Duration.seconds(15),
      },
    });
    if (props.certificateArn === undefined) {
      Annotations.of(this).addWarningV2(
        '@critic/infra:no-certificate',
        'No certificateArn in context: the web app is served over plain HTTP. Set -c certificateArn=... for HTTPS.',
      );
      this.loadBalancer.addListener('Http', { port: 80, defaultTargetGroups: [this.targetGroup] });
    } else {
      this.loadBalancer.addListener('Https', {
        port: 443,
        protocol: elbv2.ApplicationProtocol.HTTPS,
        sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
        certificates: [acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)],
        defaultTargetGroups: [this.targetGroup],
      });
      this.loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443 });
    }
    const scheme = props.certificateArn === undefined ? 'http' : 'https';
    container.addEnvironment(
      'CRITIC_WEB_ORIGIN',
      props.origin ?? `${scheme}://${this.loadBalancer.loadBalancerDnsName}`,
    );
  }
}
