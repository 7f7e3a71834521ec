"""Agent mode: loads agent.py of the submission folder and answers `open`, `act` and `reset` requests.

Requests (values sent by packages/runner/src/python/open-python-policy.ts):
  {"op": "open", "obsSize": k, "action": {"type": "discrete", "n": n} | {"type": "box", "size": s},
   "validate": bool (run validate mode's checks first)}
      -> {"actBatch": bool, "reset": bool}
  {"op": "act", "obs": float32 array (n, k)}
      -> {"actions": float64 array (n, width), "slowestMs": float, "slowestIndex": int}
      `act_batch(obs)` once when the module defines it, else `act(obs[i])` for each row i.
  {"op": "reset"} -> None (calls the module's `reset()` when it defines one)
"""

import importlib.util
import sys
import time

import numpy as np
from . import paths
from .conversion import describe, is_numeric, to_numpy
from .student_errors import Verdict
from .validate_mode import ValidateMode

class AgentMode:
    def __init__(self):
        self.module = None
        self.width = 1
        self.discrete = True
        self.space = ""

    def handle(self, req):
        op = req.get("op")
        if op == "open":
            return self.open(req)
        if op == "act":
            return self.act(req["obs"])
        if op == "reset":
            fn = getattr(self.module, "reset", None)
            if callable(fn):
                fn()
            return None
        raise ValueError(f"unknown agent op {op!r}")

    def what(self, req):
        op = req.get("op")
        return {"open": "agent.py (at import)", "act": "act()", "reset": "reset()"}.get(op, op)

    def open(self, req):
        action = req["action"]
        self.discrete = action["type"] == "discrete"
        self.width = 1 if self.discrete else int(action["size"])
        self.space = f"Discrete({action['n']})" if self.discrete else f"Box(shape=({self.width},))"
        if req.get("validate"):
            # The same checks as validate mode, before any of the submission's code runs.
            ValidateMode().handle({"op": "validate", "entry": "agent.py", "requiredFunctions": ["act"]})
        root = paths.submission()
        sys.path.insert(0, root)
        spec = importlib.util.spec_from_file_location("agent", f"{root}/agent.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["agent"] = module
        spec.loader.exec_module(module)
        if not callable(getattr(module, "act", None)):
            raise Verdict(
                "invalid_artifact",
                "agent.py does not define a function act(obs)",
                file="agent.py",
                expected="def act(obs): ...",
                found="no callable `act`",
            )
        self.module = module
        return {
            "actBatch": callable(getattr(module, "act_batch", None)),
            "reset": callable(getattr(module, "reset", None)),
        }

    def _numeric(self, value, what):
        a = to_numpy(value)
        if a is None or not is_numeric(a):
            kind = "an int" if self.discrete else f"{self.width} floats"
            raise Verdict(
                "invalid_action",
                f"{what} returned a {describe(value)}; expected {kind} for the action space {self.space}",
                expected=kind,
                found=describe(value),
            )
        return a.astype(np.float64, copy=False)

    def act(self, obs):
        n = obs.shape[0]
        act_batch = getattr(self.module, "act_batch", None)
        clock = time.process_time
        if callable(act_batch):
            t0 = clock()
            a = self._numeric(act_batch(obs), "act_batch(obs)")
            ms = (clock() - t0) * 1000
            expected = (n,) if self.discrete else (n, self.width)
            if self.discrete and a.shape == (n, 1):
                a = a.reshape(n)
            if a.shape != expected:
                raise Verdict(
                    "invalid_action",
                    f"act_batch(obs) returned shape {a.shape} for {n} observations; expected {expected}",
                    expected=str(expected),
                    found=str(a.shape),
                )
            return {"actions": a.reshape(n, self.width), "slowestMs": ms / n, "slowestIndex": 0}
        act = self.module.act
        out = np.empty((n, self.width), dtype=np.float64)
        slowest = 0.0
        slowest_index = 0
        for i in range(n):
            t0 = clock()
            a = self._numeric(act(obs[i]), "act(obs)")
            ms = (clock() - t0) * 1000
            if ms > slowest:
                slowest, slowest_index = ms, i
            if a.size != self.width:
                expected = "one number" if self.discrete else f"shape ({self.width},)"
                raise Verdict(
                    "invalid_action",
                    f"episode {i}: act(obs) returned shape {a.shape}; expected {expected} for {self.space}",
                    expected=expected,
                    found=str(a.shape),
                )
            out[i] = a.reshape(self.width)
        return {"actions": out, "slowestMs": slowest, "slowestIndex": slowest_index}
