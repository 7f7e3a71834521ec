import { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** A log group with the configured retention (CloudWatch keeps logs forever by default). */
export function retainedLogGroup(scope: Construct, id: string, retentionDays: number): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    retention: retentionDays as logs.RetentionDays,
    removalPolicy: RemovalPolicy.DESTROY,
  });
}
