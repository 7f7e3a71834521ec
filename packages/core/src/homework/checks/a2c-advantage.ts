import { a2cAdvantages } from '../../returns/td';
import { defineCheck } from '../define-check';
import { type AdvantageArgs, advantageCase, randomAdvantageCase, randomGamma } from '../rollout-inputs';
import { advantageParams, perStepResult } from './python-params';

type Args = AdvantageArgs;

/** A_t = r_t + γ·keep_t·bootstrap_t − V(s_t) with the given keep mask and bootstrap value. */
function advantages(
  args: Args,
  keep: (t: number) => number,
  bootstrap = (t: number) => args[2][t] as number,
) {
  const [rewards, values, , , , gamma] = args;
  return rewards.map((r, t) => r + gamma * keep(t) * bootstrap(t) - (values[t] as number));
}

/** The one-step (A2C) advantage. */
export const a2cAdvantageCheck = defineCheck<Args>({
  id: 'a2c-advantage',
  title: 'A2C advantage',
  functionName: 'a2cAdvantage',
  statement:
    'A_t = r_t + γ·(1 − terminated_t)·V(s′_t) − V(s_t): the TD error of the critic; truncated steps still bootstrap from V(s′_t).',
  python: {
    name: 'a2c_advantages',
    params: advantageParams,
    returns: perStepResult,
  },
  formula: String.raw`A_t = r_t + \gamma\,(1 - \mathrm{terminated}_t)\,V(s'_t) - V(s_t)`,
  points: 10,
  randomCase: (rng) => randomAdvantageCase(rng, 4, 10),
  edgeCases: [
    { tags: ['empty'], make: (rng) => advantageCase(rng, 0, [], [], randomGamma(rng)) },
    { tags: ['length-1', 'truncated'], make: (rng) => advantageCase(rng, 1, [], [0], randomGamma(rng)) },
    { tags: ['gamma=0', 'terminated'], make: (rng) => advantageCase(rng, 4, [2], [], 0) },
    { tags: ['gamma=1', 'terminated', 'truncated'], make: (rng) => advantageCase(rng, 6, [1, 5], [3], 1) },
  ],
  reference: ([rewards, values, nextValues, terminated, , gamma]) =>
    Array.from(a2cAdvantages({ rewards, values, nextValues, terminated, gamma })),
  mistakes: [
    {
      id: 'sign-flipped',
      message:
        'your advantages have the wrong sign: A_t = (r_t + γ·(1 − terminated_t)·V(s′_t)) − V(s_t), not V(s_t) − target',
      compute: (args) => advantages(args, (t) => 1 - (args[3][t] as number)).map((a) => -a),
    },
    {
      id: 'missing-baseline',
      message: 'your values are the TD target, not the advantage: subtract the baseline V(s_t)',
      compute: (args) =>
        advantages(args, (t) => 1 - (args[3][t] as number)).map((a, t) => a + (args[1][t] as number)),
    },
    {
      id: 'ignores-terminated',
      message:
        'your advantages bootstrap from V(s′) at terminal steps too: multiply γ·V(s′_t) by (1 − terminated_t)',
      compute: (args) => advantages(args, () => 1),
    },
    {
      id: 'no-bootstrap-on-truncation',
      message:
        'your advantages treat truncated steps as terminal: a time-limit cut still bootstraps, A_t = r_t + γ·V(s′_t) − V(s_t)',
      compute: (args) => advantages(args, (t) => (args[3][t] === 1 || args[4][t] === 1 ? 0 : 1)),
    },
    {
      id: 'bootstraps-from-current-value',
      message: 'your advantages bootstrap from V(s_t) instead of V(s′_t): use nextValues[t] in the target',
      compute: (args) =>
        advantages(
          args,
          (t) => 1 - (args[3][t] as number),
          (t) => args[1][t] as number,
        ),
    },
  ],
});
