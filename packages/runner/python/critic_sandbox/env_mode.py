"""Env mode: Gymnasium environments stepped in the sandbox, several per process, one request per vector step.

Requests (sent by packages/runner/src/python-env/python-env-process.ts):
  {"op": "open", "envId": id, "numEnvs": n, "options": {"atariPreprocessing": bool}}
      -> the env's description (spaces, step limit, versions; gym_envs.describe)
  {"op": "reset", "seeds": int64 array (m,)}            m <= n
      -> {"obs": array (m, k)}   env i is reset with reset(seed=seeds[i]) (a fresh episode per seed)
  {"op": "step", "actions": float64 array (m, width)}
      -> {"obs": array (m, k), "rewards": float64 (m,), "terminated": bool (m,), "truncated": bool (m,)}
      Envs whose episode ended are not stepped again (reward 0, their last observation and flags);
      opened with "autoreset": true they are reset at the next step instead (Gymnasium's next-step mode).
  {"op": "frames", "seed": s, "actions": float64 array (T, width), "every": k}
      -> {"frames": uint8 array (F, H, W, 3)}: render_mode="rgb_array" frames of the episode replayed
      from reset(seed=s) with these actions (the reset frame, then every k-th step's and the last).
  {"op": "open", "custom": true, "envId": "custom/…", "numEnvs": n, "maxEpisodeSteps": k}
      a group's env.py (custom_env.py) instead of a registered id, each env in TimeLimit(k)
  {"op": "check"} -> check_env's report of a fresh env.py env, with its spaces (custom only)
  {"op": "catalogue"} -> every registered id described (Atari also with "preprocessed"), without "open".
Observations travel in the space's dtype (float64 for MuJoCo, uint8 for Atari), flattened per env.
Actions are cast to the action space's dtype (float32 Box) before `step`, as a Python agent's would be.
"""

import numpy as np

from . import custom_env, gym_envs

_WIRE_DTYPES = (np.dtype("<f8"), np.dtype("<f4"), np.dtype("|u1"))


def _wire(a):
    a = np.asarray(a)
    return a if a.dtype in _WIRE_DTYPES else a.astype(np.float64)


class EnvMode:
    def __init__(self):
        self.env_id = None
        self.options = {}
        self.envs = []
        self.active = 0
        self.done = None
        self.last_obs = None
        self.flags = None

    def what(self, req):
        op = req.get("op")
        return {"open": "making the environment", "reset": "env.reset()", "step": "env.step()", "check": "check_env"}.get(
            op, f"env {op}"
        )

    def handle(self, req):
        op = req.get("op")
        if op == "open":
            return self.open(req)
        if op == "reset":
            return self.reset(req["seeds"])
        if op == "step":
            return self.step(req["actions"])
        if op == "frames":
            return self.frames(req)
        if op == "catalogue":
            return self.catalogue()
        if op == "check":
            return self.check()
        raise ValueError(f"unknown env op {op!r}")

    def _make(self, render_mode=None):
        if self.custom is not None:
            import gymnasium as gym

            env = custom_env.make(self.custom)
            if render_mode is not None:
                env.render_mode = render_mode
            steps = self.max_episode_steps
            return gym.wrappers.TimeLimit(env, steps) if steps else env
        return gym_envs.make_registered(self.env_id, self.options, render_mode)

    custom = None
    max_episode_steps = None

    def open(self, req):
        self.env_id = str(req["envId"])
        self.options = dict(req.get("options") or {})
        self.autoreset = bool(req.get("autoreset"))
        if req.get("custom"):
            self.custom = custom_env.load_module()
            self.max_episode_steps = req.get("maxEpisodeSteps")
            if req.get("checkOnly"):
                return None
        n = int(req["numEnvs"])
        self.envs = [self._make() for _ in range(n)]
        first = self.envs[0]
        self.obs_shape = first.observation_space.shape
        self.action_space = first.action_space
        self.discrete = not hasattr(self.action_space, "low")
        out = gym_envs.describe(first, self.env_id)
        if self.custom is not None:
            out["family"] = "custom"
            out["maxEpisodeSteps"] = self.max_episode_steps
        return out

    def check(self):
        report = custom_env.check(self.custom)
        env = custom_env.make(self.custom)
        for key, space in (("observationSpace", env.observation_space), ("actionSpace", env.action_space)):
            try:
                report[key] = gym_envs.space_json(space)
            except TypeError as e:
                report[key] = None
                report["failures"].append(f"{key}: Critic grades Box and Discrete spaces only ({e})")
            if report.get(key) and report[key]["type"] == "Tuple":
                report["failures"].append(f"{key}: Critic grades Box and Discrete spaces only, found {space}")
        report["passed"] = not report["failures"]
        return report

    def _obs_rows(self, rows):
        return _wire(np.stack([np.asarray(o).reshape(-1) for o in rows]))

    def reset(self, seeds):
        m = int(seeds.shape[0])
        if m > len(self.envs):
            raise ValueError(f"{m} seeds for {len(self.envs)} envs")
        rows = []
        for i in range(m):
            obs, _info = self.envs[i].reset(seed=int(seeds[i]))
            rows.append(obs)
        self.active = m
        self.done = np.zeros(m, dtype=bool)
        self.flags = (np.zeros(m, dtype=bool), np.zeros(m, dtype=bool))
        self.last_obs = rows
        return {"obs": self._obs_rows(rows)}

    def _action(self, row):
        if self.discrete:
            return int(row[0])
        return np.asarray(row, dtype=self.action_space.dtype).reshape(self.action_space.shape)

    def step(self, actions):
        m = self.active
        rewards = np.zeros(m, dtype=np.float64)
        terminated, truncated = self.flags
        if self.autoreset:
            terminated[:] = False
            truncated[:] = False
        for i in range(m):
            if self.done[i] and self.autoreset:
                # Gymnasium 1.x next-step autoreset: this step's action is ignored, the env is reset
                # (its own RNG continues, no new seed) and reports the reset observation, reward 0.
                obs, _info = self.envs[i].reset()
                self.last_obs[i] = obs
                self.done[i] = False
                continue
            if self.done[i]:
                continue
            obs, reward, term, trunc, _info = self.envs[i].step(self._action(actions[i]))
            self.last_obs[i] = obs
            rewards[i] = float(reward)
            terminated[i] = bool(term)
            truncated[i] = bool(trunc)
            self.done[i] = terminated[i] or truncated[i]
        return {
            "obs": self._obs_rows(self.last_obs),
            "rewards": rewards,
            "terminated": terminated.copy(),
            "truncated": truncated.copy(),
        }

    def frames(self, req):
        env = self._make("rgb_array")
        every = max(1, int(req.get("every", 1)))
        actions = req["actions"]
        env.reset(seed=int(req["seed"]))
        frames = [env.render()]
        t = len(actions)
        for i in range(t):
            _obs, _r, term, trunc, _info = env.step(self._action(actions[i]))
            if (i + 1) % every == 0 or i == t - 1 or term or trunc:
                frames.append(env.render())
            if term or trunc:
                break
        env.close()
        return {"frames": np.ascontiguousarray(np.stack(frames).astype(np.uint8))}

    def catalogue(self):
        out = []
        for env_id in gym_envs.REGISTERED_IDS:
            env = gym_envs.make_registered(env_id)
            entry = gym_envs.describe(env, env_id)
            env.close()
            if gym_envs.family(env_id) == "atari":
                env = gym_envs.make_registered(env_id, {"atariPreprocessing": True})
                entry["preprocessed"] = gym_envs.describe(env, env_id)
                env.close()
            out.append(entry)
        return out
