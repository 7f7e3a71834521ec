import { a2cAdvantageCheck } from './checks/a2c-advantage';
import { categoricalEntropyCheck, categoricalKlCheck } from './checks/categorical';
import { discountedReturnCheck } from './checks/discounted-return';
import { gaeCheck } from './checks/gae';
import { gaussianKlCheck } from './checks/gaussian-kl';
import { importanceRatioCheck } from './checks/importance-ratio';
import { nStepReturnCheck } from './checks/n-step-return';
import { ppoClipCheck } from './checks/ppo-clip';
import { ppoClipKlEntropyCheck } from './checks/ppo-clip-kl-entropy';
import { ppoKlPenaltyCheck } from './checks/ppo-kl-penalty';
import { tdTargetCheck } from './checks/td-target';
import { trajectoryWeightCheck, truncatedWeightCheck } from './checks/trajectory-weight';
import type { HomeworkCheck } from './types';

const CHECKS: readonly HomeworkCheck[] = [
  discountedReturnCheck,
  tdTargetCheck,
  a2cAdvantageCheck,
  gaeCheck,
  nStepReturnCheck,
  importanceRatioCheck,
  trajectoryWeightCheck,
  truncatedWeightCheck,
  categoricalKlCheck,
  gaussianKlCheck,
  categoricalEntropyCheck,
  ppoKlPenaltyCheck,
  ppoClipCheck,
  ppoClipKlEntropyCheck,
];

const BY_ID = new Map(CHECKS.map((c) => [c.id, c]));

/** Thrown for an id that names no check or homework; the message lists the known ids. */
export class UnknownHomeworkIdError extends Error {
  /** The id asked for. */
  readonly id: string;
  /** The ids that exist. */
  readonly known: readonly string[];

  constructor(kind: 'check' | 'homework', id: string, known: readonly string[]) {
    super(`unknown ${kind} id ${JSON.stringify(id)}; known ${kind} ids: ${known.join(', ')}`);
    this.name = 'UnknownHomeworkIdError';
    this.id = id;
    this.known = known;
  }
}

/** Every check of the catalogue, in lecture order. */
export function listChecks(): readonly HomeworkCheck[] {
  return CHECKS;
}

/** The check with this id; throws {@link UnknownHomeworkIdError} listing the known ids otherwise. */
export function getCheck(id: string): HomeworkCheck {
  const check = BY_ID.get(id);
  if (check === undefined) throw new UnknownHomeworkIdError('check', id, [...BY_ID.keys()]);
  return check;
}
