import type { RunnerError } from '@critic/runner';

/** A runner verdict as the student reads it: verdict and message, where in the artifact, their own stack. */
export function failureText(error: RunnerError): string {
  const lines = [`${error.verdict}: ${error.message}`];
  const { file, tensor, expected, found } = error.location;
  if (file !== undefined) lines.push(`  file:     ${file}`);
  if (tensor !== undefined) lines.push(`  tensor:   ${tensor}`);
  if (expected !== undefined) lines.push(`  expected: ${expected}`);
  if (found !== undefined) lines.push(`  found:    ${found}`);
  if (error.studentStack) lines.push(error.studentStack.replace(/^/gm, '  '));
  return `${lines.join('\n')}\n`;
}
