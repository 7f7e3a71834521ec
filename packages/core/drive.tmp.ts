import { spawnSync } from 'node:child_process';
import { casesFor, getCheck, gradeCheck, pythonCallsFor, pythonFunctionKinds, pythonResultOutcome } from './src/homework/index';
const [file, hw] = process.argv.slice(2);
const cases = casesFor({ homeworkId: 'x', seed: 3, homework: { id: 'x', title: 'x', items: [{ checkId: 'td-target', points: 10, visible: 3, hidden: 12 }] } });
for (const cc of cases.checks) {
  const req = { open: { functions: pythonFunctionKinds([cc.checkId]), callCpuMs: 5000 }, calls: pythonCallsFor(cc) };
  const run = spawnSync('/work/pyvenv/bin/python', ['/tmp/h13b/drive.py', file!], { input: JSON.stringify(req), encoding: 'utf8' });
  if (run.status !== 0) { console.log(run.stderr); continue; }
  const res = JSON.parse(run.stdout);
  if (!Array.isArray(res)) { console.log(cc.checkId, res); continue; }
  const outcomes = res.map((r: any, i: number) => r.ok ? pythonResultOutcome(r, cc.cases[i]!.expected) : r);
  const g = gradeCheck(getCheck(cc.checkId), cc.cases, outcomes, cc.points);
  const firstFail = g.results.find((r) => !r.passed);
  console.log(cc.checkId, `${g.passed}/${g.total}`, g.diagnosis?.mistakeId ?? '', firstFail?.message.slice(0, 150) ?? '');
}
