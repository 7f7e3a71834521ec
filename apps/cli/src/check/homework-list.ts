import { getCheck, listHomeworks, pythonCall } from '@critic/core';

/** `critic check --list`: each homework with the functions its module must define, in Python and JS/TS. */
export function formatHomeworkList(): string {
  const lines: string[] = [];
  for (const hw of listHomeworks()) {
    lines.push(`${hw.id}  ${hw.title}`);
    for (const item of hw.items) {
      const check = getCheck(item.checkId);
      lines.push(
        `  ${check.python.name.padEnd(28)} ${item.points} pts, ${item.visible} visible + ${item.hidden} hidden cases  (${check.id})`,
      );
      lines.push(`    ${pythonCall(check.python)}`);
      lines.push(`    export ${check.signature}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
