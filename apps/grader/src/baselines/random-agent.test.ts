import { describe, expect, it } from 'vitest';
import { randomAgentSource } from './random-agent';

type Agent = { act(obs: number[] | number): number | number[]; reset(): void };

/** Loads the generated module in this process (its two exports become a returned object). */
function load(source: string): Agent {
  const body = source.replace(/^export function/gm, 'function');
  return new Function(`${body}\nreturn { act, reset };`)() as Agent;
}

const episode = (agent: Agent, firstObs: number[], steps: number) => {
  agent.reset();
  return Array.from({ length: steps }, (_, t) => agent.act(t === 0 ? firstObs : [t, 0]));
};

describe('randomAgentSource', () => {
  it('Discrete(n, start): every action in range, near-uniform, reproducible per episode', () => {
    const agent = load(randomAgentSource({ type: 'Discrete', n: 3, start: -1 }, 42));
    const a = episode(agent, [0.01, 0.02], 3000) as number[];
    const counts = [-1, 0, 1].map((v) => a.filter((x) => x === v).length);
    expect(counts.reduce((s, c) => s + c, 0)).toBe(3000);
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(120);
    expect(episode(agent, [0.01, 0.02], 3000)).toEqual(a);
    expect(episode(agent, [0.01, 0.03], 50)).not.toEqual(a.slice(0, 50));
    const other = load(randomAgentSource({ type: 'Discrete', n: 3, start: -1 }, 43));
    expect(episode(other, [0.01, 0.02], 50)).not.toEqual(a.slice(0, 50));
  });

  it('Box: one value per dimension inside the bounds; an unbounded side becomes a width-2 interval', () => {
    const space = {
      type: 'Box' as const,
      shape: [3],
      dtype: 'float32' as const,
      low: [-2, 5, Number.NEGATIVE_INFINITY],
      high: [2, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
    };
    const agent = load(randomAgentSource(space, 1));
    const actions = episode(agent, [0.5], 500) as number[][];
    for (const [x, y, z] of actions) {
      expect(x).toBeGreaterThanOrEqual(-2);
      expect(x).toBeLessThanOrEqual(2);
      expect(y).toBeGreaterThanOrEqual(5);
      expect(y).toBeLessThanOrEqual(7);
      expect(z).toBeGreaterThanOrEqual(-1);
      expect(z).toBeLessThanOrEqual(1);
    }
    expect(Math.min(...actions.map((a) => a[0]!))).toBeLessThan(-1.8);
    expect(Math.max(...actions.map((a) => a[0]!))).toBeGreaterThan(1.8);
  });

  it('refuses a seed outside [0, 2^32)', () => {
    expect(() => randomAgentSource({ type: 'Discrete', n: 2, start: 0 }, -1)).toThrow(
      /seed must be an integer/,
    );
  });
});
