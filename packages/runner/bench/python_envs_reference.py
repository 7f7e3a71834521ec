"""The reference side of bench/python-envs.ts: the same HalfCheetah-v5 episodes stepped with Gymnasium's
own vector env, the same ONNX MLP called with onnxruntime in Python. No Critic code.

argv: model.onnx episodes steps seed0   -> prints {"wallMs", "cpuMs", "returns"} as JSON
"""

import json
import sys
import time

import gymnasium as gym
import numpy as np
import onnxruntime as ort

model, episodes, steps, seed0 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
opts = ort.SessionOptions()
opts.intra_op_num_threads = 1
opts.inter_op_num_threads = 1
sess = ort.InferenceSession(model, opts, providers=["CPUExecutionProvider"])
name = sess.get_inputs()[0].name
t0, c0 = time.perf_counter(), time.process_time()
envs = gym.make_vec("HalfCheetah-v5", num_envs=episodes, vectorization_mode="sync")
obs, _ = envs.reset(seed=[seed0 + i for i in range(episodes)])
returns = np.zeros(episodes)
for _ in range(steps):
    (mean,) = sess.run(None, {name: obs.astype(np.float32)})
    obs, r, term, trunc, _ = envs.step(np.clip(mean, -1, 1))
    returns += r
envs.close()
print(json.dumps({"wallMs": (time.perf_counter() - t0) * 1000, "cpuMs": (time.process_time() - c0) * 1000, "returns": returns.tolist()}))
