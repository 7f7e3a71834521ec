import { getCheck, listHomeworks } from '@critic/core';

/** `critic check --list`: each homework with the functions its module must export. */
export function formatHomeworkList(): string {
  const lines: string[] = [];
  for (const hw of listHomeworks()) {
    lines.push(`${hw.id}  ${hw.title}`);
    for (const item of hw.items) {
      const check = getCheck(item.checkId);
      lines.push(
        `  ${check.functionName.padEnd(28)} ${item.points} pts, ${item.visible} visible + ${item.hidden} hidden cases  (${check.id})`,
      );
      lines.push(`    export ${check.signature}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
