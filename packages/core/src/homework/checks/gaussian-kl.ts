import type { Rng } from '@critic/envs';
import { defineCheck } from '../define-check';
import { gaussianKlRows } from '../float64/gaussian';
import { integerBetween, uniformMatrix } from '../random-inputs';

type Args = [meanP: number[][], logStdP: number[][], meanQ: number[][], logStdQ: number[][]];

/** Σ_d of a per-dimension term, per row. */
function perRow(args: Args, term: (mp: number, sp: number, mq: number, sq: number) => number): number[] {
  const [meanP, logStdP, meanQ, logStdQ] = args;
  return meanP.map((row, b) =>
    row.reduce(
      (s, mp, d) =>
        s +
        term(
          mp,
          Math.exp(logStdP[b]?.[d] as number),
          meanQ[b]?.[d] as number,
          Math.exp(logStdQ[b]?.[d] as number),
        ),
      0,
    ),
  );
}

// per dimension: log σ_q − log σ_p + (σ_p² + (μ_p − μ_q)²)/(2σ_q²) − ½
const klTerm = (mp: number, sp: number, mq: number, sq: number) =>
  Math.log(sq / sp) + (sp * sp + (mp - mq) ** 2) / (2 * sq * sq) - 0.5;

function randomCase(rng: Rng, rows: number, dims: number): Args {
  return [
    uniformMatrix(rng, rows, dims, -1.5, 1.5),
    uniformMatrix(rng, rows, dims, -1, 0.5),
    uniformMatrix(rng, rows, dims, -1.5, 1.5),
    uniformMatrix(rng, rows, dims, -1, 0.5),
  ];
}

/** KL divergence between diagonal Gaussians. */
export const gaussianKlCheck = defineCheck<Args>({
  id: 'gaussian-kl',
  title: 'Diagonal Gaussian KL divergence',
  functionName: 'gaussianKl',
  statement:
    'KL(p‖q) = Σ_d [log σ_q,d − log σ_p,d + (σ_p,d² + (μ_p,d − μ_q,d)²)/(2σ_q,d²) − ½] per row, σ = exp(logStd).',
  python: {
    name: 'gaussian_kl',
    params: [
      { name: 'mean_p', kind: 'float64[][]', shape: '[B, D]', doc: 'μ_p' },
      { name: 'log_std_p', kind: 'float64[][]', shape: '[B, D]', doc: 'log σ_p' },
      { name: 'mean_q', kind: 'float64[][]', shape: '[B, D]', doc: 'μ_q' },
      { name: 'log_std_q', kind: 'float64[][]', shape: '[B, D]', doc: 'log σ_q' },
    ],
    returns: { kind: 'float64[]', shape: '[B]', doc: 'KL(p‖q) per row' },
  },
  formula: String.raw`\mathrm{KL}(p \,\|\, q) = \sum_{d} \Big[\log \frac{\sigma_{q,d}}{\sigma_{p,d}} + \frac{\sigma_{p,d}^2 + (\mu_{p,d} - \mu_{q,d})^2}{2\sigma_{q,d}^2} - \frac{1}{2}\Big]`,
  points: 10,
  tolerance: { abs: 1e-4, rel: 1e-4 },
  randomCase: (rng) => randomCase(rng, integerBetween(rng, 2, 4), integerBetween(rng, 1, 3)),
  edgeCases: [
    { tags: ['length-1'], make: (rng) => randomCase(rng, 1, 1) },
    {
      tags: ['same-distribution'],
      make: (rng) => {
        const [mean, logStd] = randomCase(rng, 2, 2);
        return [mean, logStd, mean.map((r) => [...r]), logStd.map((r) => [...r])];
      },
    },
    {
      tags: ['same-mean'],
      make: (rng) => {
        const [mean, logStdP, , logStdQ] = randomCase(rng, 2, 3);
        return [mean, logStdP, mean.map((r) => [...r]), logStdQ];
      },
    },
  ],
  reference: ([meanP, logStdP, meanQ, logStdQ]) => gaussianKlRows(meanP, logStdP, meanQ, logStdQ),
  mistakes: [
    {
      id: 'kl-direction-swapped',
      message:
        'your values are KL(q‖p): the direction is swapped — the expectation is under p (divide by σ_q²)',
      compute: (args) => perRow(args, (mp, sp, mq, sq) => klTerm(mq, sq, mp, sp)),
    },
    {
      id: 'std-instead-of-variance',
      message: 'your formula uses σ where it needs σ²: the quadratic term is (σ_p² + (μ_p − μ_q)²)/(2σ_q²)',
      compute: (args) =>
        perRow(args, (mp, sp, mq, sq) => Math.log(sq / sp) + (sp + (mp - mq) ** 2) / (2 * sq) - 0.5),
    },
    {
      id: 'missing-half',
      message: 'your KL leaves out the −½ per dimension: KL(p‖p) must be 0',
      compute: (args) => perRow(args, (mp, sp, mq, sq) => klTerm(mp, sp, mq, sq) + 0.5),
    },
    {
      id: 'mean-over-dimensions',
      message: 'your KL averages over action dimensions: sum the per-dimension terms',
      compute: (args) => perRow(args, klTerm).map((x, b) => x / (args[0][b]?.length ?? 1)),
    },
  ],
});
