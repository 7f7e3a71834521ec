import { ArnFormat, Stack } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * Task role of grader workers: they read artifacts (s3:GetObject on the bucket's objects) and protect
 * their own task from scale-in while it runs a job (ecs:UpdateTaskProtection on the cluster's tasks,
 * called through the ECS agent endpoint), nothing else in AWS. Results go to Postgres over the network
 * with the `critic_grader` login, whose secret the execution role reads at task start; the task role
 * has no Secrets Manager access at all.
 */
export function graderWorkerRole(
  scope: Construct,
  id: string,
  bucket: s3.IBucket,
  cluster: ecs.ICluster,
): iam.Role {
  const role = new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
    description: 'Critic grader worker: reads artifacts, protects its own task from scale-in',
  });
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'ArtifactsReadOnly',
      actions: ['s3:GetObject'],
      resources: [bucket.arnForObjects('*')],
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'ScaleInProtectionOfOwnCluster',
      actions: ['ecs:UpdateTaskProtection'],
      resources: [
        Stack.of(scope).formatArn({
          service: 'ecs',
          resource: 'task',
          resourceName: `${cluster.clusterName}/*`,
          arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
        }),
      ],
    }),
  );
  return role;
}
