// Custom-resource provider that runs a one-off ECS task (the database migration) on deploy and reports
// success only when the task has stopped with exit code 0. onEvent starts the task; isComplete polls it.
import { DescribeTasksCommand, ECSClient, RunTaskCommand } from '@aws-sdk/client-ecs';
import { taskOutcome } from './outcome.mjs';

const ecs = new ECSClient({});

export async function onEvent(event) {
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const p = event.ResourceProperties;
  const out = await ecs.send(
    new RunTaskCommand({
      cluster: p.Cluster,
      taskDefinition: p.TaskDefinition,
      launchType: 'FARGATE',
      count: 1,
      startedBy: 'critic-deploy',
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: p.Subnets,
          securityGroups: p.SecurityGroups,
          assignPublicIp: 'DISABLED',
        },
      },
    }),
  );
  const task = out.tasks?.[0];
  if (task?.taskArn === undefined) {
    throw new Error(`RunTask started no task: ${JSON.stringify(out.failures ?? [])}`);
  }
  return { PhysicalResourceId: `${p.TaskDefinition}#${p.Trigger}`, Data: { TaskArn: task.taskArn } };
}

export async function isComplete(event) {
  if (event.RequestType === 'Delete') return { IsComplete: true };
  const taskArn = event.Data.TaskArn;
  const out = await ecs.send(
    new DescribeTasksCommand({ cluster: event.ResourceProperties.Cluster, tasks: [taskArn] }),
  );
  return taskOutcome(out.tasks?.[0], taskArn);
}
