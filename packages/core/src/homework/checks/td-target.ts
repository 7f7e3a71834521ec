import { tdTargets } from '../../returns/td';
import { defineCheck } from '../define-check';
import { randomGamma, randomTargetCase, type TargetArgs, targetCase } from '../rollout-inputs';
import { perStepResult, targetParams } from './python-params';

type Args = TargetArgs;

function targets(args: Args, keep: (t: number) => number, gammaUsed = args[4]): number[] {
  const [rewards, nextValues] = args;
  return rewards.map((r, t) => r + gammaUsed * keep(t) * (nextValues[t] as number));
}

/** One-step TD target with a terminal mask. */
export const tdTargetCheck = defineCheck<Args>({
  id: 'td-target',
  title: 'TD target with done mask',
  functionName: 'tdTarget',
  statement:
    'y_t = r_t + γ·(1 − terminated_t)·V(s′_t): no bootstrap from a terminal state; a truncated step still bootstraps from V(s′_t).',
  python: {
    name: 'td_targets',
    params: targetParams,
    returns: perStepResult,
  },
  formula: String.raw`y_t = r_t + \gamma\,(1 - \mathrm{terminated}_t)\,V(s'_t)`,
  points: 10,
  randomCase: (rng) => randomTargetCase(rng, 4, 10),
  edgeCases: [
    { tags: ['empty'], make: (rng) => targetCase(rng, 0, [], [], randomGamma(rng)) },
    { tags: ['length-1', 'terminated'], make: (rng) => targetCase(rng, 1, [0], [], randomGamma(rng)) },
    { tags: ['length-1', 'truncated'], make: (rng) => targetCase(rng, 1, [], [0], randomGamma(rng)) },
    { tags: ['gamma=0', 'terminated', 'truncated'], make: (rng) => targetCase(rng, 5, [1], [3], 0) },
    { tags: ['gamma=1', 'terminated', 'truncated'], make: (rng) => targetCase(rng, 6, [0, 4], [2], 1) },
  ],
  reference: ([rewards, nextValues, terminated, , gamma]) =>
    Array.from(tdTargets({ rewards, nextValues, terminated, gamma })),
  mistakes: [
    {
      id: 'ignores-terminated',
      message:
        'your values bootstrap from V(s′) at terminal steps too: multiply γ·V(s′_t) by (1 − terminated_t)',
      compute: (args) => targets(args, () => 1),
    },
    {
      id: 'no-bootstrap-on-truncation',
      message:
        'your values treat truncated steps as terminal: a time-limit cut is not a terminal state, so y_t = r_t + γ·V(s′_t) there',
      compute: (args) => targets(args, (t) => (args[2][t] === 1 || args[3][t] === 1 ? 0 : 1)),
    },
    {
      id: 'mask-inverted',
      message:
        'your mask is inverted: bootstrap where terminated_t = 0, i.e. multiply by (1 − terminated_t), not terminated_t',
      compute: (args) => targets(args, (t) => args[2][t] as number),
    },
    {
      id: 'missing-gamma',
      message: 'your values leave out γ: y_t = r_t + γ·(1 − terminated_t)·V(s′_t)',
      compute: (args) => targets(args, (t) => 1 - (args[2][t] as number), 1),
    },
    {
      id: 'mask-on-reward',
      message:
        'your mask also zeroes the reward: only the bootstrap term γ·V(s′_t) is masked, r_t always counts',
      compute: ([rewards, nextValues, terminated, , gamma]) =>
        rewards.map((r, t) => (1 - (terminated[t] as number)) * (r + gamma * (nextValues[t] as number))),
    },
  ],
});
