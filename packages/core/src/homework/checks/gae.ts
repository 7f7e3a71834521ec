import type { Rng } from '@critic/envs';
import { computeGae } from '../../returns/gae';
import { defineCheck } from '../define-check';
import { roundTo } from '../random-inputs';
import { type AdvantageArgs, advantageCase, randomAdvantageCase, randomGamma } from '../rollout-inputs';
import { advantageParams, perStepResult } from './python-params';

type Args = [...AdvantageArgs, lambda: number];

/** How a wrong GAE variant computes δ_t and the recursion. */
interface GaeVariant {
  /** Factor on γ·V(s′_t) in δ_t. */
  bootstrap(t: number): number;
  /** Factor on Â_{t+1}. */
  carry(t: number): number;
}

function variantGae(
  args: Args,
  variant: GaeVariant,
  nextValue = (t: number) => args[2][t] as number,
): number[] {
  const [rewards, values, , , , gamma] = args;
  const out = new Array<number>(rewards.length).fill(0);
  let next = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    const delta =
      (rewards[t] as number) + gamma * variant.bootstrap(t) * nextValue(t) - (values[t] as number);
    next = delta + variant.carry(t) * next;
    out[t] = next;
  }
  return out;
}

const ended = (args: Args, t: number) => (args[3][t] === 1 || args[4][t] === 1 ? 1 : 0);
const notTerminal = (args: Args) => (t: number) => 1 - (args[3][t] as number);
const correctCarry = (args: Args) => (t: number) => args[5] * args[6] * (1 - ended(args, t));

function make(
  rng: Rng,
  length: number,
  term: number[],
  trunc: number[],
  gamma: number,
  lambda: number,
): Args {
  return [...advantageCase(rng, length, term, trunc, gamma), lambda];
}

const randomLambda = (rng: Rng) => roundTo(rng.uniform(0.8, 0.98), 2);

/** Generalized advantage estimation with terminated vs truncated episode ends. */
export const gaeCheck = defineCheck<Args>({
  id: 'gae',
  title: 'GAE(λ) with truncation bootstrap',
  functionName: 'gae',
  statement:
    'δ_t = r_t + γ·(1 − terminated_t)·V(s′_t) − V(s_t); Â_t = δ_t + γλ·(1 − terminated_t)·(1 − truncated_t)·Â_{t+1}, Â after the last step = 0.',
  python: {
    name: 'gae',
    params: [
      ...advantageParams,
      { name: 'lam', jsName: 'lambda', kind: 'float', doc: 'λ in [0, 1] (lambda is a Python keyword)' },
    ],
    returns: perStepResult,
  },
  formula: String.raw`\delta_t = r_t + \gamma\,(1 - \mathrm{terminated}_t)\,V(s'_t) - V(s_t), \qquad \hat{A}_t = \delta_t + \gamma\lambda\,(1 - \mathrm{terminated}_t)(1 - \mathrm{truncated}_t)\,\hat{A}_{t+1}, \quad \hat{A}_T = 0`,
  points: 20,
  randomCase: (rng) => [...randomAdvantageCase(rng, 5, 12), randomLambda(rng)],
  edgeCases: [
    { tags: ['empty'], make: (rng) => make(rng, 0, [], [], randomGamma(rng), randomLambda(rng)) },
    {
      tags: ['length-1', 'truncated'],
      make: (rng) => make(rng, 1, [], [0], randomGamma(rng), randomLambda(rng)),
    },
    {
      tags: ['lambda=0', 'terminated', 'truncated'],
      make: (rng) => make(rng, 6, [2], [4], randomGamma(rng), 0),
    },
    {
      tags: ['lambda=1', 'terminated', 'truncated'],
      make: (rng) => make(rng, 7, [4], [1], randomGamma(rng), 1),
    },
    { tags: ['gamma=0', 'terminated'], make: (rng) => make(rng, 5, [3], [], 0, randomLambda(rng)) },
    { tags: ['gamma=1', 'lambda=1', 'truncated'], make: (rng) => make(rng, 6, [], [2], 1, 1) },
    {
      tags: ['terminated-at-last-step', 'truncated'],
      make: (rng) => make(rng, 8, [7], [3], randomGamma(rng), randomLambda(rng)),
    },
  ],
  reference: ([rewards, values, nextValues, terminated, truncated, gamma, lambda]) =>
    Array.from(computeGae({ rewards, values, nextValues, terminated, truncated, gamma, lambda }).advantages),
  mistakes: [
    {
      id: 'lambda-without-gamma',
      message: 'your recursion decays by λ alone: the factor on Â_{t+1} is γ·λ, not λ',
      compute: (args) =>
        variantGae(args, { bootstrap: notTerminal(args), carry: (t) => args[6] * (1 - ended(args, t)) }),
    },
    {
      id: 'gamma-without-lambda',
      message: 'your recursion decays by γ alone (λ ignored): the factor on Â_{t+1} is γ·λ',
      compute: (args) =>
        variantGae(args, { bootstrap: notTerminal(args), carry: (t) => args[5] * (1 - ended(args, t)) }),
    },
    {
      id: 'lambda-on-bootstrap',
      message:
        'you put λ on the wrong term: δ_t = r_t + γ·(1 − terminated_t)·V(s′_t) − V(s_t) has no λ; λ multiplies Â_{t+1} (with γ)',
      compute: (args) =>
        variantGae(args, {
          bootstrap: (t) => args[6] * (1 - (args[3][t] as number)),
          carry: (t) => args[5] * (1 - ended(args, t)),
        }),
    },
    {
      id: 'no-reset-at-episode-end',
      message:
        'your advantages flow across episode ends: the λ-sum must stop where terminated_t = 1 or truncated_t = 1 (multiply Â_{t+1} by (1 − terminated_t)·(1 − truncated_t))',
      compute: (args) => variantGae(args, { bootstrap: notTerminal(args), carry: () => args[5] * args[6] }),
    },
    {
      id: 'no-bootstrap-on-truncation',
      message:
        'your δ_t does not bootstrap at truncated steps: a time-limit cut is not terminal, so δ_t = r_t + γ·V(s′_t) − V(s_t) there',
      compute: (args) =>
        variantGae(args, { bootstrap: (t) => 1 - ended(args, t), carry: correctCarry(args) }),
    },
    {
      id: 'bootstrap-on-termination',
      message: 'your δ_t bootstraps from V(s′) at terminal steps: multiply γ·V(s′_t) by (1 − terminated_t)',
      compute: (args) => variantGae(args, { bootstrap: () => 1, carry: correctCarry(args) }),
    },
    {
      id: 'next-value-from-values',
      message:
        'your δ_t uses values[t + 1] as V(s′_t): after an episode end values[t + 1] belongs to the next episode — use nextValues[t]',
      compute: (args) =>
        variantGae(args, { bootstrap: notTerminal(args), carry: correctCarry(args) }, (t) =>
          t + 1 < args[1].length ? (args[1][t + 1] as number) : (args[2][t] as number),
        ),
    },
    {
      id: 'returns-instead-of-advantages',
      message: 'your values are the λ-returns Â_t + V(s_t): return the advantages Â_t',
      compute: (args) =>
        variantGae(args, { bootstrap: notTerminal(args), carry: correctCarry(args) }).map(
          (a, t) => a + (args[1][t] as number),
        ),
    },
    {
      id: 'sign-flipped',
      message: 'your advantages have the wrong sign: δ_t = r_t + γ·(1 − terminated_t)·V(s′_t) − V(s_t)',
      compute: (args) =>
        variantGae(args, { bootstrap: notTerminal(args), carry: correctCarry(args) }).map((a) => -a),
    },
  ],
});
