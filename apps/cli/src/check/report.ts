import type { CheckGrade } from '@critic/core';

/** A value on one line, cut to `max` characters. */
export function shortValue(value: unknown, max = 160): string {
  let text: string;
  if (value === undefined) text = 'undefined';
  else if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  else {
    try {
      text = JSON.stringify(value, (_k, v: unknown) =>
        typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
      );
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One check's visible cases: points, each case's pass/fail with input, expected and got, the diagnosis. */
export function formatCheckGrade(grade: CheckGrade, argNames: readonly string[]): string {
  const mark = grade.passed === grade.total ? 'PASS' : 'FAIL';
  const lines = [
    `${mark} ${grade.checkId} (${grade.functionName}): ${grade.passed}/${grade.total} visible cases, ${grade.points}/${grade.maxPoints} points on them`,
  ];
  for (const r of grade.results) {
    const tags = r.tags.length > 0 ? ` [${r.tags.join(', ')}]` : '';
    if (r.passed) {
      lines.push(`  ok   case ${r.case}${tags}`);
      continue;
    }
    lines.push(`  FAIL case ${r.case}${tags}: ${r.verdict}: ${r.message.replace(/\n/g, '\n       ')}`);
    r.args.forEach((a, i) => {
      lines.push(`       ${argNames[i] ?? `arg${i}`} = ${shortValue(a)}`);
    });
    lines.push(`       expected: ${shortValue(r.expected)}`);
    lines.push(`       got:      ${r.verdict === 'wrong_answer' ? shortValue(r.got) : '(no value)'}`);
  }
  if (grade.diagnosis) {
    const d = grade.diagnosis;
    lines.push(`  diagnosis: ${d.message} (${d.cases} of ${d.failing} failing cases)`);
  }
  return `${lines.join('\n')}\n`;
}
