import { describe, expect, it } from 'vitest';
import { CountProgress } from '../src/eval/count-progress';

describe('CountProgress', () => {
  it('off a terminal writes the first update and then one line per 10%, with done/total and the unit', () => {
    const out: string[] = [];
    const bar = new CountProgress(20, 'episodes', (s) => out.push(s), false);
    for (let i = 1; i <= 20; i++) bar.update(i);
    bar.finish();
    expect(out).toHaveLength(11);
    expect(out[0]).toContain('1/20 episodes');
    expect(out[1]).toContain('2/20 episodes');
    expect(out.at(-1)).toMatch(/100% 20\/20 episodes/);
    expect(out.every((l) => l.endsWith('\n'))).toBe(true);
  });

  it('on a terminal redraws in place and ends the line once, only after drawing', () => {
    const out: string[] = [];
    const idle = new CountProgress(3, 'cases', (s) => out.push(s), true);
    idle.finish();
    expect(out).toEqual([]);
    const bar = new CountProgress(3, 'cases', (s) => out.push(s), true);
    bar.update(1);
    bar.update(3);
    bar.finish();
    bar.finish();
    expect(out).toHaveLength(3);
    expect(out[0]!.startsWith('\r')).toBe(true);
    expect(out[1]).toContain('3/3 cases');
    expect(out[2]).toBe('\n');
  });
});
