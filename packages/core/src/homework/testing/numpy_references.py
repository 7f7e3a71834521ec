"""Independent float64 references of the homework catalogue, in numpy.

Reads {"<check id>": [[arg, ...], ...]} (each case's positional arguments, JSON) on stdin and writes
{"<check id>": [value, ...]} on stdout: a list of floats per case, or one float for a loss. Written
from the lecture's formulas, independently of @critic/core (test support for the float64 references).
"""

import json
import sys

import numpy as np


def vec(x):
    return np.asarray(x, dtype=np.float64).reshape(-1)


def mat(x):
    a = np.asarray(x, dtype=np.float64)
    return a.reshape(len(x), -1) if len(x) else a.reshape(0, 0)


def mask(x):
    return np.asarray(x, dtype=np.float64).reshape(-1) != 0


def discounted_return(rewards, dones, gamma):
    r, d = vec(rewards), mask(dones)
    out = np.zeros_like(r)
    g = 0.0
    for t in range(len(r) - 1, -1, -1):
        # G_t = r_t + γ·(1 − d_t)·G_{t+1}
        g = r[t] + (0.0 if d[t] else gamma * g)
        out[t] = g
    return out


def td_target(rewards, next_values, terminated, truncated, gamma):
    # y_t = r_t + γ·(1 − terminated_t)·V(s′_t)
    return vec(rewards) + gamma * np.where(mask(terminated), 0.0, vec(next_values))


def a2c_advantage(rewards, values, next_values, terminated, truncated, gamma):
    return td_target(rewards, next_values, terminated, truncated, gamma) - vec(values)


def gae(rewards, values, next_values, terminated, truncated, gamma, lam):
    term, trunc = mask(terminated), mask(truncated)
    delta = a2c_advantage(rewards, values, next_values, terminated, truncated, gamma)
    out = np.zeros_like(delta)
    running = 0.0
    for t in range(len(delta) - 1, -1, -1):
        # Â_t = δ_t + γλ·(1 − terminated_t)·(1 − truncated_t)·Â_{t+1}
        carry = 0.0 if (term[t] or trunc[t]) else gamma * lam * running
        running = delta[t] + carry
        out[t] = running
    return out


def n_step_return(rewards, next_values, terminated, truncated, gamma, n):
    r, v = vec(rewards), vec(next_values)
    term, trunc = mask(terminated), mask(truncated)
    T = len(r)
    out = np.zeros(T)
    for t in range(T):
        m = 1
        while m < n and t + m - 1 < T - 1 and not term[t + m - 1] and not trunc[t + m - 1]:
            m += 1
        last = t + m - 1
        # Σ_{k<m} γ^k·r_{t+k} + γ^m·(1 − terminated_last)·V(s′_last)
        g = float(np.sum(gamma ** np.arange(m) * r[t : t + m]))
        if not term[last]:
            g += gamma**m * v[last]
        out[t] = g
    return out


def importance_ratio(log_probs, behavior_log_probs):
    return np.exp(vec(log_probs) - vec(behavior_log_probs))


def trajectory_weight(log_probs, behavior_log_probs):
    return np.prod(np.exp(mat(log_probs) - mat(behavior_log_probs)), axis=1)


def truncated_trajectory_weight(log_probs, behavior_log_probs, max_weight):
    return np.minimum(trajectory_weight(log_probs, behavior_log_probs), max_weight)


def log_softmax(z):
    z = mat(z)
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def categorical_kl(logits_p, logits_q):
    lp, lq = log_softmax(logits_p), log_softmax(logits_q)
    return (np.exp(lp) * (lp - lq)).sum(axis=1)


def categorical_entropy(logits):
    lp = log_softmax(logits)
    return -(np.exp(lp) * lp).sum(axis=1)


def gaussian_kl(mean_p, log_std_p, mean_q, log_std_q):
    mp, sp, mq, sq = mat(mean_p), np.exp(mat(log_std_p)), mat(mean_q), np.exp(mat(log_std_q))
    return (np.log(sq / sp) + (sp**2 + (mp - mq) ** 2) / (2 * sq**2) - 0.5).sum(axis=1)


def ratio(log_probs, old_log_probs):
    return np.exp(vec(log_probs) - vec(old_log_probs))


def clip_loss(log_probs, old_log_probs, advantages, eps):
    r, a = ratio(log_probs, old_log_probs), vec(advantages)
    return -np.mean(np.minimum(r * a, np.clip(r, 1 - eps, 1 + eps) * a))


def ppo_kl_penalty(log_probs, old_log_probs, advantages, kl, kl_coef):
    return -np.mean(ratio(log_probs, old_log_probs) * vec(advantages)) + kl_coef * np.mean(vec(kl))


def ppo_clip_kl_entropy(log_probs, old_log_probs, advantages, kl, entropy, eps, kl_coef, entropy_coef):
    return (
        clip_loss(log_probs, old_log_probs, advantages, eps)
        + kl_coef * np.mean(vec(kl))
        - entropy_coef * np.mean(vec(entropy))
    )


REFERENCES = {
    "discounted-return": discounted_return,
    "td-target": td_target,
    "a2c-advantage": a2c_advantage,
    "gae": gae,
    "n-step-return": n_step_return,
    "importance-ratio": importance_ratio,
    "trajectory-weight": trajectory_weight,
    "truncated-trajectory-weight": truncated_trajectory_weight,
    "categorical-kl": categorical_kl,
    "gaussian-kl": gaussian_kl,
    "categorical-entropy": categorical_entropy,
    "ppo-kl-penalty": ppo_kl_penalty,
    "ppo-clip": clip_loss,
    "ppo-clip-kl-entropy": ppo_clip_kl_entropy,
}


def as_json(value):
    a = np.asarray(value, dtype=np.float64)
    return float(a) if a.ndim == 0 else [float(x) for x in a]


def main():
    cases = json.load(sys.stdin)
    unknown = sorted(set(cases) - set(REFERENCES))
    if unknown:
        sys.exit(f"no numpy reference for: {', '.join(unknown)}")
    json.dump({cid: [as_json(REFERENCES[cid](*args)) for args in arg_lists] for cid, arg_lists in cases.items()}, sys.stdout)


if __name__ == "__main__":
    main()
