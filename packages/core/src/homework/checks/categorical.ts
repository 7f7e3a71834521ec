import type { Rng } from '@critic/envs';
import { defineCheck } from '../define-check';
import { categoricalEntropyRows, categoricalKlRows } from '../float64/categorical';
import { integerBetween, uniformMatrix } from '../random-inputs';
import { logSoftmaxRow } from './softmax';

type KlArgs = [logitsP: number[][], logitsQ: number[][]];
type EntropyArgs = [logits: number[][]];

/** KL(p‖q) per row in float64 with the given log-probability rows. */
function klRows(logP: number[][], logQ: number[][], weight: (lp: number) => number): number[] {
  return logP.map((row, b) => row.reduce((s, lp, k) => s + weight(lp) * (lp - (logQ[b]?.[k] as number)), 0));
}

function randomLogits(rng: Rng, rows: number, cols: number): number[][] {
  return uniformMatrix(rng, rows, cols, -2, 2);
}

/** KL divergence between two categorical distributions given by logits. */
export const categoricalKlCheck = defineCheck<KlArgs>({
  id: 'categorical-kl',
  title: 'Categorical KL divergence',
  functionName: 'categoricalKl',
  statement:
    'KL(p‖q) = Σ_k p_k·(log p_k − log q_k) per row, with p = softmax(logitsP), q = softmax(logitsQ).',
  python: {
    name: 'categorical_kl',
    params: [
      {
        name: 'logits_p',
        kind: 'float64[][]',
        shape: '[B, K]',
        doc: 'logits of p, one distribution per row',
      },
      { name: 'logits_q', kind: 'float64[][]', shape: '[B, K]', doc: 'logits of q' },
    ],
    returns: { kind: 'float64[]', shape: '[B]', doc: 'KL(p‖q) per row' },
  },
  formula: String.raw`\mathrm{KL}(p \,\|\, q) = \sum_k p_k \big(\log p_k - \log q_k\big), \qquad p = \mathrm{softmax}(z^p),\ q = \mathrm{softmax}(z^q)`,
  points: 10,
  tolerance: { abs: 1e-4, rel: 1e-4 },
  randomCase: (rng) => {
    const rows = integerBetween(rng, 2, 5);
    const cols = integerBetween(rng, 2, 5);
    return [randomLogits(rng, rows, cols), randomLogits(rng, rows, cols)];
  },
  edgeCases: [
    { tags: ['length-1'], make: (rng) => [randomLogits(rng, 1, 2), randomLogits(rng, 1, 2)] },
    {
      tags: ['same-distribution'],
      make: (rng) => {
        const p = randomLogits(rng, 3, 4);
        return [p, p.map((row) => row.map((x) => x + 1))];
      },
    },
    {
      tags: ['near-deterministic'],
      make: (rng) => [uniformMatrix(rng, 2, 3, -8, 8), randomLogits(rng, 2, 3)],
    },
  ],
  reference: ([logitsP, logitsQ]) => categoricalKlRows(logitsP, logitsQ),
  mistakes: [
    {
      id: 'kl-direction-swapped',
      message: 'your values are KL(q‖p): the direction is swapped — weight by p, Σ_k p_k·(log p_k − log q_k)',
      compute: ([p, q]) => {
        const logQ = q.map(logSoftmaxRow);
        return klRows(logQ, p.map(logSoftmaxRow), Math.exp);
      },
    },
    {
      id: 'logits-as-log-probs',
      message:
        'your values use the raw logits as log-probabilities: normalise first, log p = logits − logsumexp(logits)',
      compute: ([p, q]) =>
        p.map((rowP, b) => {
          const probs = logSoftmaxRow(rowP).map(Math.exp);
          return rowP.reduce((s, z, k) => s + (probs[k] as number) * (z - (q[b]?.[k] as number)), 0);
        }),
    },
    {
      id: 'kl-sign-flipped',
      message: 'your KL has the wrong sign: KL(p‖q) = Σ_k p_k·(log p_k − log q_k) ≥ 0',
      compute: ([p, q]) => klRows(p.map(logSoftmaxRow), q.map(logSoftmaxRow), Math.exp).map((x) => -x),
    },
    {
      id: 'unweighted-log-ratio',
      message: 'your sum is not weighted by p: KL(p‖q) = Σ_k p_k·(log p_k − log q_k)',
      compute: ([p, q]) => klRows(p.map(logSoftmaxRow), q.map(logSoftmaxRow), () => 1),
    },
  ],
});

/** Entropy of a categorical distribution given by logits. */
export const categoricalEntropyCheck = defineCheck<EntropyArgs>({
  id: 'categorical-entropy',
  title: 'Categorical entropy',
  functionName: 'categoricalEntropy',
  statement: 'H(p) = −Σ_k p_k·log p_k per row, with p = softmax(logits) (natural log).',
  python: {
    name: 'categorical_entropy',
    params: [
      { name: 'logits', kind: 'float64[][]', shape: '[B, K]', doc: 'logits, one distribution per row' },
    ],
    returns: { kind: 'float64[]', shape: '[B]', doc: 'H(p) per row, in nats' },
  },
  formula: String.raw`H(p) = -\sum_k p_k \log p_k, \qquad p = \mathrm{softmax}(z)`,
  points: 5,
  tolerance: { abs: 1e-4, rel: 1e-4 },
  randomCase: (rng) => [randomLogits(rng, integerBetween(rng, 2, 6), integerBetween(rng, 2, 5))],
  edgeCases: [
    { tags: ['length-1'], make: (rng) => [randomLogits(rng, 1, 3)] },
    {
      tags: ['uniform'],
      make: () => [
        [
          [0.5, 0.5, 0.5, 0.5],
          [-1, -1, -1, -1],
        ],
      ],
    },
    { tags: ['near-deterministic'], make: (rng) => [uniformMatrix(rng, 2, 4, -9, 9)] },
    { tags: ['one-category'], make: (rng) => [randomLogits(rng, 2, 1)] },
  ],
  reference: ([logits]) => categoricalEntropyRows(logits),
  mistakes: [
    {
      id: 'entropy-sign-flipped',
      message: 'your entropy has the wrong sign: H = −Σ_k p_k·log p_k ≥ 0',
      compute: ([logits]) =>
        logits.map((row) => logSoftmaxRow(row).reduce((s, lp) => s + Math.exp(lp) * lp, 0)),
    },
    {
      id: 'logits-as-log-probs',
      message:
        'your entropy uses the raw logits as log p: normalise first, log p = logits − logsumexp(logits)',
      compute: ([logits]) =>
        logits.map((row) => {
          const lp = logSoftmaxRow(row);
          return -row.reduce((s, z, k) => s + Math.exp(lp[k] as number) * z, 0);
        }),
    },
    {
      id: 'log-base-2',
      message: 'your entropy is in bits (log base 2): use the natural logarithm',
      compute: ([logits]) =>
        logits.map((row) => -logSoftmaxRow(row).reduce((s, lp) => s + Math.exp(lp) * lp, 0) / Math.LN2),
    },
  ],
});
