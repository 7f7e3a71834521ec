import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Login roles the services use; each has its own secret so a service can read only its own. */
export const DB_ROLES = ['web', 'grader', 'metrics'] as const;
export type DbRole = (typeof DB_ROLES)[number];

export interface DatabaseProps {
  vpc: ec2.IVpc;
  /** Minimum Aurora Serverless v2 capacity (ACU). */
  minAcu: number;
  /** Maximum Aurora Serverless v2 capacity (ACU). */
  maxAcu: number;
}

export const DATABASE_NAME = 'critic';
export const MASTER_USERNAME = 'critic_admin';

/**
 * Aurora PostgreSQL Serverless v2 in the isolated subnets, not publicly accessible, storage encrypted.
 * The master secret is used only by migrations and role provisioning; the services log in as
 * `critic_web` / `critic_grader` / `critic_metrics`, each with its own secret and multi-user rotation
 * (the previous password keeps working until the next rotation, so running tasks are not cut off).
 * The Data API is on so Lambdas can run SQL without bundling a Postgres driver.
 */
export class Database extends Construct {
  readonly cluster: rds.DatabaseCluster;
  readonly securityGroup: ec2.SecurityGroup;
  /** Per-service secrets, attached to the cluster (host, port, dbname filled in by CloudFormation). */
  readonly roleSecrets: Record<DbRole, secretsmanager.ISecret>;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Critic Postgres: ingress only from the app security groups',
      allowAllOutbound: false,
    });
    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_17_5 }),
      credentials: rds.Credentials.fromGeneratedSecret(MASTER_USERNAME),
      defaultDatabaseName: DATABASE_NAME,
      writer: rds.ClusterInstance.serverlessV2('writer', { publiclyAccessible: false }),
      serverlessV2MinCapacity: props.minAcu,
      serverlessV2MaxCapacity: props.maxAcu,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [this.securityGroup],
      storageEncrypted: true,
      enableDataApi: true,
      iamAuthentication: false,
      backup: { retention: Duration.days(7) },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
    });
    // Rotation Lambdas run in the egress subnets (they call Secrets Manager), every 30 days, and not
    // immediately on creation: the service roles only exist once DbBootstrap has run.
    const rotation = {
      automaticallyAfter: Duration.days(30),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      rotateImmediatelyOnUpdate: false,
    };
    this.cluster.addRotationSingleUser(rotation);
    const master = this.cluster.secret!;
    const secrets: Partial<Record<DbRole, secretsmanager.ISecret>> = {};
    for (const role of DB_ROLES) {
      const secret = new rds.DatabaseSecret(this, `${role}Secret`, {
        username: `critic_${role}`,
        dbname: DATABASE_NAME,
        masterSecret: master,
      });
      const attached = secret.attach(this.cluster);
      this.cluster.addRotationMultiUser(`${role}Rotation`, { ...rotation, secret: attached });
      secrets[role] = attached;
    }
    this.roleSecrets = secrets as Record<DbRole, secretsmanager.ISecret>;
  }

  /** Lets `peer` open connections to Postgres (the only way in: the SG has no other ingress). */
  allowFrom(peer: ec2.IConnectable, description: string): void {
    this.cluster.connections.allowDefaultPortFrom(peer, description);
  }
}
