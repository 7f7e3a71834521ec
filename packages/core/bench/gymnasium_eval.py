"""Runs an exported Critic policy in real Gymnasium, for the core benchmark (solve.ts).

Reads a JSON file: {"env": id, "policy": "argmax" | "gaussian-mean", "obsNormalization": {mean, std} | null,
"layers": [{"kernel": [[...]] (in × out), "bias": [...], "activation": "tanh" | "relu" | "linear"}],
"seeds": [...]}. Plays one greedy episode per seed with gymnasium.make(env) (its registered time
limit), the network evaluated in float32 numpy as TensorFlow.js does, and prints
{"gymnasium": version, "returns": [...]}.
Usage: python gymnasium_eval.py POLICY_JSON
"""

import json
import sys

import gymnasium as gym
import numpy as np


def forward(layers, x):
    for layer in layers:
        x = x @ layer["kernel"] + layer["bias"]
        if layer["activation"] == "tanh":
            x = np.tanh(x)
        elif layer["activation"] == "relu":
            x = np.maximum(x, 0)
    return x


def main() -> None:
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    layers = [
        {
            "kernel": np.asarray(l["kernel"], dtype=np.float32),
            "bias": np.asarray(l["bias"], dtype=np.float32),
            "activation": l["activation"],
        }
        for l in spec["layers"]
    ]
    norm = spec.get("obsNormalization")
    mean = np.asarray(norm["mean"], dtype=np.float32) if norm else None
    std = np.asarray(norm["std"], dtype=np.float32) if norm else None
    env = gym.make(spec["env"])
    returns = []
    for seed in spec["seeds"]:
        obs, _ = env.reset(seed=int(seed))
        total = 0.0
        while True:
            x = np.asarray(obs, dtype=np.float32)
            if mean is not None:
                x = (x - mean) / std
            out = forward(layers, x[None, :])[0]
            if spec["policy"] == "argmax":
                action = int(np.argmax(out))
            else:
                action = out.astype(np.float32)
            obs, reward, terminated, truncated, _ = env.step(action)
            total += float(reward)
            if terminated or truncated:
                break
        returns.append(total)
    print(json.dumps({"gymnasium": gym.__version__, "returns": returns}))


if __name__ == "__main__":
    main()
