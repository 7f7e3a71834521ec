import { checkCoefficient, checkPositive } from './validate';

/** Settings of an {@link AdaptiveKlController}. */
export interface AdaptiveKlControllerOptions {
  /** Initial penalty coefficient ρ > 0. */
  initialKlCoef: number;
  /** Target KL d_targ > 0 per update. */
  targetKl: number;
}

/**
 * The lecture's adaptive KL-penalty coefficient: after each policy update with observed mean KL d,
 * ρ ← 2ρ if d > 1.5·d_targ, ρ ← ρ/2 if d < d_targ/1.5, unchanged otherwise.
 */
export class AdaptiveKlController {
  /** Current coefficient ρ. */
  klCoef: number;
  /** Target KL d_targ. */
  readonly targetKl: number;

  constructor(options: AdaptiveKlControllerOptions) {
    this.klCoef = checkPositive('initialKlCoef', options.initialKlCoef);
    this.targetKl = checkPositive('targetKl', options.targetKl);
  }

  /** Applies the rule for an observed KL (a finite number ≥ 0) and returns the new ρ. */
  update(observedKl: number): number {
    checkCoefficient('observedKl', observedKl);
    // if KL > 1.5·target: ρ ×= 2; if KL < target/1.5: ρ /= 2
    if (observedKl > 1.5 * this.targetKl) this.klCoef *= 2;
    else if (observedKl < this.targetKl / 1.5) this.klCoef /= 2;
    return this.klCoef;
  }
}
