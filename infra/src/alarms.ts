import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { QueueMetric, queueMetric } from './queue-metric-names';

export interface AlarmsProps {
  /** Job queues to watch (CPU, and GPU when deployed). */
  queues: string[];
  /** Oldest claimable job age that pages (seconds). */
  queueAgeSeconds: number;
  loadBalancer: elbv2.ApplicationLoadBalancer;
  metricsFunction: lambda.IFunction;
  /** Push-mode dead-letter queue, when push mode is deployed. */
  pushDeadLetterQueue: sqs.IQueue | undefined;
  /** Subscribed to the alarm topic when set. */
  email: string | undefined;
}

/** Share of finished jobs that died (exhausted attempts) above which the failure-rate alarm fires. */
export const FAILURE_RATE_THRESHOLD = 0.1;

/**
 * Operator alarms, all published to one SNS topic: queue age, job failure rate and dead jobs per queue;
 * push-mode dead letters; 5xx at the ALB (from targets or the ALB itself); and a silent metrics
 * publisher (without it the queue alarms and the scaling are blind).
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Critic alarms', enforceSSL: true });
    if (props.email !== undefined)
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));

    for (const queue of props.queues) {
      this.add(`QueueAge-${queue}`, {
        alarmDescription: `Oldest claimable job in "${queue}" has waited over ${props.queueAgeSeconds} s`,
        metric: queueMetric(QueueMetric.oldestAge, queue, 'Maximum'),
        threshold: props.queueAgeSeconds,
        evaluationPeriods: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      });
      const done = queueMetric(QueueMetric.done, queue, 'Sum').with({ period: Duration.minutes(15) });
      const dead = queueMetric(QueueMetric.dead, queue, 'Sum').with({ period: Duration.minutes(15) });
      this.add(`FailureRate-${queue}`, {
        alarmDescription: `Over ${FAILURE_RATE_THRESHOLD * 100}% of jobs in "${queue}" died in 15 min (5+ finished)`,
        // failure rate = dead / (done + dead), counted only once 5 jobs have finished
        metric: new cloudwatch.MathExpression({
          expression: 'IF((done + dead) >= 5, dead / (done + dead), 0)',
          usingMetrics: { done, dead },
          period: Duration.minutes(15),
          label: `failure rate ${queue}`,
        }),
        threshold: FAILURE_RATE_THRESHOLD,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      this.add(`DeadJobs-${queue}`, {
        alarmDescription: `Jobs in "${queue}" exhausted their attempts (dead-lettered in the jobs table)`,
        metric: queueMetric(QueueMetric.dead, queue, 'Sum').with({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    if (props.pushDeadLetterQueue !== undefined) {
      this.add('PushDeadLetters', {
        alarmDescription: 'Push-mode messages the grader could not take after all retries',
        metric: props.pushDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    const lbMetrics = props.loadBalancer.metrics;
    this.add('Web5xx', {
      alarmDescription: 'The web app answered 10+ 5xx in 5 minutes (targets or the ALB itself)',
      metric: new cloudwatch.MathExpression({
        expression: 'FILL(target, 0) + FILL(elb, 0)',
        usingMetrics: {
          target: lbMetrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, {
            period: Duration.minutes(5),
          }),
          elb: lbMetrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period: Duration.minutes(5) }),
        },
        period: Duration.minutes(5),
        label: 'ALB 5xx',
      }),
      threshold: 10,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.add('QueueMetricsErrors', {
      alarmDescription: 'The queue-metrics Lambda is failing: scaling and queue alarms have no data',
      metric: props.metricsFunction.metricErrors({ period: Duration.minutes(5) }),
      threshold: 3,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  private add(id: string, props: cloudwatch.AlarmProps): void {
    const alarm = new cloudwatch.Alarm(this, id, props);
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
