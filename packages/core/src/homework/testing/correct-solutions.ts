/**
 * Test support: a student's correct homework, written independently of the library as plain loops
 * in float64 (what a good submission looks like). Keyed by the exported function name.
 */

type Vec = number[];
type Mat = number[][];

function discountedReturn(rewards: Vec, dones: Vec, gamma: number): Vec {
  const out: Vec = [];
  let g = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    if (dones[t] === 1) g = 0;
    g = rewards[t]! + gamma * g;
    out[t] = g;
  }
  return out;
}

function tdTarget(rewards: Vec, nextValues: Vec, terminated: Vec, _truncated: Vec, gamma: number): Vec {
  const out: Vec = [];
  for (let t = 0; t < rewards.length; t++) {
    out.push(terminated[t] ? rewards[t]! : rewards[t]! + gamma * nextValues[t]!);
  }
  return out;
}

function a2cAdvantage(
  rewards: Vec,
  values: Vec,
  nextValues: Vec,
  terminated: Vec,
  truncated: Vec,
  gamma: number,
): Vec {
  return tdTarget(rewards, nextValues, terminated, truncated, gamma).map((y, t) => y - values[t]!);
}

function gae(
  rewards: Vec,
  values: Vec,
  nextValues: Vec,
  terminated: Vec,
  truncated: Vec,
  gamma: number,
  lambda: number,
): Vec {
  const out = new Array<number>(rewards.length);
  let running = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    if (terminated[t] || truncated[t]) running = 0;
    const bootstrap = terminated[t] ? 0 : gamma * nextValues[t]!;
    const delta = rewards[t]! + bootstrap - values[t]!;
    running = delta + gamma * lambda * running;
    out[t] = running;
  }
  return out;
}

function nStepReturn(
  rewards: Vec,
  nextValues: Vec,
  terminated: Vec,
  truncated: Vec,
  gamma: number,
  n: number,
): Vec {
  const out: Vec = [];
  for (let t = 0; t < rewards.length; t++) {
    let g = 0;
    let k = 0;
    let last = t;
    while (true) {
      last = t + k;
      g += gamma ** k * rewards[last]!;
      k++;
      if (terminated[last] || truncated[last] || k === n || last === rewards.length - 1) break;
    }
    if (!terminated[last]) g += gamma ** k * nextValues[last]!;
    out.push(g);
  }
  return out;
}

function importanceRatio(logProbs: Vec, behaviorLogProbs: Vec): Vec {
  return logProbs.map((lp, t) => Math.exp(lp) / Math.exp(behaviorLogProbs[t]!));
}

function trajectoryImportanceWeight(logProbs: Mat, behaviorLogProbs: Mat): Vec {
  return logProbs.map((row, n) => {
    let w = 1;
    for (let t = 0; t < row.length; t++) w *= Math.exp(row[t]! - behaviorLogProbs[n]![t]!);
    return w;
  });
}

function truncatedImportanceWeight(logProbs: Mat, behaviorLogProbs: Mat, maxWeight: number): Vec {
  return trajectoryImportanceWeight(logProbs, behaviorLogProbs).map((w) => Math.min(w, maxWeight));
}

function probabilities(logits: Vec): Vec {
  const m = Math.max(...logits);
  const e = logits.map((z) => Math.exp(z - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

function categoricalKl(logitsP: Mat, logitsQ: Mat): Vec {
  return logitsP.map((row, b) => {
    const p = probabilities(row);
    const q = probabilities(logitsQ[b]!);
    let kl = 0;
    for (let k = 0; k < p.length; k++) if (p[k]! > 0) kl += p[k]! * Math.log(p[k]! / q[k]!);
    return kl;
  });
}

function gaussianKl(meanP: Mat, logStdP: Mat, meanQ: Mat, logStdQ: Mat): Vec {
  return meanP.map((row, b) => {
    let kl = 0;
    for (let d = 0; d < row.length; d++) {
      const varP = Math.exp(2 * logStdP[b]![d]!);
      const varQ = Math.exp(2 * logStdQ[b]![d]!);
      const diff = row[d]! - meanQ[b]![d]!;
      kl += 0.5 * (varP / varQ + (diff * diff) / varQ - 1 + Math.log(varQ / varP));
    }
    return kl;
  });
}

function categoricalEntropy(logits: Mat): Vec {
  return logits.map((row) => {
    const p = probabilities(row);
    return -p.reduce((s, x) => (x > 0 ? s + x * Math.log(x) : s), 0);
  });
}

function average(xs: Vec): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

function ppoKlPenaltyLoss(logProbs: Vec, oldLogProbs: Vec, advantages: Vec, kl: Vec, klCoef: number): number {
  const surrogate = average(logProbs.map((lp, t) => Math.exp(lp - oldLogProbs[t]!) * advantages[t]!));
  return -(surrogate - klCoef * average(kl));
}

function clippedSurrogate(logProbs: Vec, oldLogProbs: Vec, advantages: Vec, eps: number): number {
  return average(
    logProbs.map((lp, t) => {
      const r = Math.exp(lp - oldLogProbs[t]!);
      const clipped = Math.max(1 - eps, Math.min(1 + eps, r));
      return Math.min(r * advantages[t]!, clipped * advantages[t]!);
    }),
  );
}

function ppoClipLoss(logProbs: Vec, oldLogProbs: Vec, advantages: Vec, clipEpsilon: number): number {
  return -clippedSurrogate(logProbs, oldLogProbs, advantages, clipEpsilon);
}

function ppoClipKlEntropyLoss(
  logProbs: Vec,
  oldLogProbs: Vec,
  advantages: Vec,
  kl: Vec,
  entropy: Vec,
  clipEpsilon: number,
  klCoef: number,
  entropyCoef: number,
): number {
  const objective =
    clippedSurrogate(logProbs, oldLogProbs, advantages, clipEpsilon) -
    klCoef * average(kl) +
    entropyCoef * average(entropy);
  return -objective;
}

/** The correct solutions, by exported function name. */
export const correctSolutions: Record<string, (...args: never[]) => unknown> = {
  discountedReturn,
  tdTarget,
  a2cAdvantage,
  gae,
  nStepReturn,
  importanceRatio,
  trajectoryImportanceWeight,
  truncatedImportanceWeight,
  categoricalKl,
  gaussianKl,
  categoricalEntropy,
  ppoKlPenaltyLoss,
  ppoClipLoss,
  ppoClipKlEntropyLoss,
};
