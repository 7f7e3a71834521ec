import { z } from 'zod';
import type { PolicySpec } from '../spec';
import { InvalidArtifactError } from '../verdict';

/** How the grader turns a model's outputs into actions. */
export type PolicyHead = 'argmax' | 'sample' | 'gaussian-mean';

/** The optional `critic.json` beside a model: which env, which policy head, observation normalization. */
export interface CriticManifest {
  /** Registered env id the model was trained on, e.g. `CartPole-v1`. */
  env?: string;
  /** `argmax` of logits/Q-values, `sample` from softmax(logits), or the Gaussian mean as the action. */
  policy: PolicyHead;
  /** Applied to each observation before the model: (o − mean) / std. */
  obsNormalization?: { mean: number[]; std: number[] };
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const manifestSchema = z
  .object({
    env: z.string().min(1).optional(),
    policy: z.enum(['argmax', 'sample', 'gaussian-mean']),
    obsNormalization: z
      .object({ mean: z.array(finite), std: z.array(finite.refine((v) => v > 0, 'must be > 0')) })
      .strict()
      .optional(),
  })
  .strict();

/** The head used when no `critic.json` is given: argmax for discrete actions, the mean for continuous ones. */
export function defaultManifest(spec: PolicySpec): CriticManifest {
  return { policy: spec.action.type === 'discrete' ? 'argmax' : 'gaussian-mean' };
}

/** Parses and checks `critic.json` against the env (name, action type, observation size). */
export function parseCriticManifest(
  bytes: Uint8Array | undefined,
  spec: PolicySpec,
  file = 'critic.json',
): CriticManifest {
  if (!bytes) return defaultManifest(spec);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new InvalidArtifactError(`${file} is not valid UTF-8 JSON: ${(e as Error).message}`, { file });
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join('.') || '(root)';
    throw new InvalidArtifactError(`${file}: field "${path}": ${issue.message}`, { file, found: path });
  }
  const m = parsed.data;
  if (spec.envId && m.env && m.env !== spec.envId) {
    throw new InvalidArtifactError(
      `${file}: the model is for env "${m.env}", this assignment uses "${spec.envId}"`,
      {
        file,
        expected: spec.envId,
        found: m.env,
      },
    );
  }
  const discrete = spec.action.type === 'discrete';
  if (discrete && m.policy === 'gaussian-mean') {
    throw new InvalidArtifactError(
      `${file}: policy "gaussian-mean" needs a continuous action space; this env's is discrete`,
      {
        file,
        expected: 'argmax or sample',
        found: m.policy,
      },
    );
  }
  if (!discrete && m.policy !== 'gaussian-mean') {
    throw new InvalidArtifactError(
      `${file}: policy "${m.policy}" needs a discrete action space; this env's is continuous`,
      {
        file,
        expected: 'gaussian-mean',
        found: m.policy,
      },
    );
  }
  const norm = m.obsNormalization;
  if (norm) {
    for (const key of ['mean', 'std'] as const) {
      if (norm[key].length !== spec.observationSize) {
        throw new InvalidArtifactError(
          `${file}: obsNormalization.${key} has ${norm[key].length} entries, the observation has ${spec.observationSize}`,
          { file, expected: String(spec.observationSize), found: String(norm[key].length) },
        );
      }
    }
  }
  const out: CriticManifest = { policy: m.policy };
  if (m.env) out.env = m.env;
  if (norm) out.obsNormalization = { mean: norm.mean, std: norm.std };
  return out;
}
