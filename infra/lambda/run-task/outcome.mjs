// Whether a one-off ECS task (DescribeTasks shape) has finished well, apart from the AWS client.

/** { IsComplete: false } while running; { IsComplete: true } on exit 0; throws with the reason otherwise. */
export function taskOutcome(task, taskArn) {
  if (task === undefined) throw new Error(`task ${taskArn} not found`);
  if (task.lastStatus !== 'STOPPED') return { IsComplete: false };
  const container = task.containers?.[0];
  if (container?.exitCode !== 0) {
    const reasons = [task.stoppedReason, container?.reason]
      .filter((r) => r !== undefined && r !== '')
      .join('; ');
    throw new Error(
      `migration task ${taskArn} failed: exit code ${container?.exitCode ?? 'none'}${reasons ? `, ${reasons}` : ''}`,
    );
  }
  return { IsComplete: true };
}
