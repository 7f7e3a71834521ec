import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

/** What every grader service is given (CPU and GPU workers, the push-mode HTTP grader). */
export interface GraderTaskProps {
  cluster: ecs.Cluster;
  image: ecs.ContainerImage;
  /** The grader command its tasks run (`work`, or the HTTP server in push mode). */
  command: string;
  bucket: s3.IBucket;
  /** The `critic_grader` database secret. */
  databaseSecret: secretsmanager.ISecret;
  /** Queue the grader claims jobs from (CRITIC_GRADER_QUEUE). */
  queue: string;
  /** Recorded in every evaluation (CRITIC_GRADER_VERSION): the deployed image tag. */
  graderVersion: string;
  logRetentionDays: number;
  region: string;
}
