import { describe, expect, it } from 'vitest';
import { countProgress } from '../src/progress-bar';
import { uploadProgress } from '../src/submit/upload-progress';

describe('ProgressBar', () => {
  it('off a terminal writes the first update and then one line per 10%, with done/total and the unit', () => {
    const out: string[] = [];
    const bar = countProgress(20, 'episodes', (s) => out.push(s), false);
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
    const idle = countProgress(3, 'cases', (s) => out.push(s), true);
    idle.finish();
    expect(out).toEqual([]);
    const bar = countProgress(3, 'cases', (s) => out.push(s), true);
    bar.update(1);
    bar.update(3);
    bar.finish();
    bar.finish();
    expect(out).toHaveLength(3);
    expect(out[0]!.startsWith('\r')).toBe(true);
    expect(out[1]).toContain('3/3 cases');
    expect(out[2]).toBe('\n');
  });

  it('the upload line (no bar) writes only its first and last lines off a terminal, and ends itself at the total on one', () => {
    const out: string[] = [];
    const up = uploadProgress('agent.js', (s) => out.push(s), false);
    for (const sent of [0, 500, 1500, 2000]) up.update(sent, '', 2000);
    expect(out).toEqual([
      'uploading agent.js: 0 B of 2.0 kB (0%)\n',
      'uploading agent.js: 2.0 kB of 2.0 kB (100%)\n',
    ]);
    const tty: string[] = [];
    const live = uploadProgress('agent.js', (s) => tty.push(s), true);
    live.update(1000, '', 2000);
    live.update(2000, '', 2000);
    live.finish();
    expect(tty).toEqual([
      '\ruploading agent.js: 1.0 kB of 2.0 kB (50%)\u001b[K',
      '\ruploading agent.js: 2.0 kB of 2.0 kB (100%)\u001b[K',
      '\n',
    ]);
  });
});
