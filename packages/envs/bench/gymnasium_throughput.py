"""Gymnasium's own throughput for one env id, measured for Critic's envs benchmark (throughput.ts).

Single env: gymnasium.make(id), random actions from action_space.sample(), reset on done.
Vector: gymnasium.make_vec(id, num_envs) (Gymnasium picks its vector kernel where one is
registered, CartPole; SyncVectorEnv otherwise), next-step autoreset; the actions cycle through
64 batches drawn beforehand from the batched action_space.sample(), so the figure is the step alone (Gymnasium 1.x's default). Each figure runs for at least `seconds` of wall time.
Prints one JSON object: {"gymnasium": version, "single": steps/s, "vector": env-steps/s, "vectorKind": class}.
Usage: python gymnasium_throughput.py ENV_ID NUM_ENVS SECONDS
"""

import json
import sys
import time

import gymnasium as gym

BANK = 64


def single(env_id: str, seconds: float) -> float:
    env = gym.make(env_id)
    env.action_space.seed(1)
    env.reset(seed=1)
    steps = 0
    t0 = time.perf_counter()
    while True:
        for _ in range(1000):
            _, _, terminated, truncated, _ = env.step(env.action_space.sample())
            if terminated or truncated:
                env.reset()
        steps += 1000
        elapsed = time.perf_counter() - t0
        if elapsed >= seconds:
            return steps / elapsed


def vector(env_id: str, num_envs: int, seconds: float) -> tuple[float, str]:
    envs = gym.make_vec(env_id, num_envs=num_envs)
    envs.action_space.seed(2)
    envs.reset(seed=2)
    bank = [envs.action_space.sample() for _ in range(BANK)]
    steps = 0
    t0 = time.perf_counter()
    while True:
        for k in range(BANK):
            envs.step(bank[k])
        steps += BANK
        elapsed = time.perf_counter() - t0
        if elapsed >= seconds:
            return steps * num_envs / elapsed, type(envs).__name__


def main() -> None:
    env_id, num_envs, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    single(env_id, 0.2)  # warm-up
    s = single(env_id, seconds)
    v, kind = vector(env_id, num_envs, seconds)
    print(json.dumps({"gymnasium": gym.__version__, "single": s, "vector": v, "vectorKind": kind}))


if __name__ == "__main__":
    main()
