"""Homework mode: loads homework.py of the submission folder and calls its functions on the grader's cases.

Requests (values sent by packages/runner/src/python/open-python-checks.ts):
  {"op": "open", "file": "homework.py", "functions": {"<name>": ["float64[]", "bool[]", "float", ...]},
   "callCpuMs": int, "maxReturnValues": int}
      -> {"functions": [names the module defines]}; a missing function is invalid_artifact.
  {"op": "call", "calls": [{"name": "<name>", "args": [...]}, ...]}
      -> one result per call, in order:
         {"ok": True, "value": float64 array (flat), "shape": [...], "type": "torch.Tensor", "ms": float}
         {"ok": True, "value": None, "shape": None, "type": "str", "ms": float}   (not array-like)
         {"ok": False, "failure": FailureReport}
      A failing call does not stop the batch; a call over its CPU time gets time_limit.

Arguments are converted by the function's declared kinds: "float64[]" and "float64[][]" become numpy
float64 arrays, "bool[]" numpy bool arrays, "float" a Python float, "int" a Python int; every call
gets fresh arrays, so a function that writes into its inputs cannot change a later case. A result may
be a numpy array or scalar, a list, a Python number, a torch tensor or a jax array: it comes back as
float64 values with its shape and type, and the grader compares (and names a wrong shape).
"""

import importlib.util
import signal
import sys
import time

import numpy as np
from . import paths
from .conversion import describe, is_numeric, to_numpy
from .student_errors import Verdict, failure_report

class CallTimeLimit(BaseException):
    """Raised in the student's function when its call's CPU budget is spent (not an Exception, so a bare
    `except Exception` in student code does not swallow it)."""


def _on_cpu_budget(signum, frame):
    raise CallTimeLimit()


def _argument(value, kind):
    if kind == "float64[]":
        return np.array(value, dtype=np.float64).reshape(-1)
    if kind == "float64[][]":
        a = np.array(value, dtype=np.float64)
        return a if a.ndim == 2 else a.reshape(len(value), -1)
    if kind == "bool[]":
        return np.array(value).reshape(-1) != 0
    if kind == "float":
        return float(value)
    if kind == "int":
        return int(value)
    raise ValueError(f"unknown argument kind {kind!r}")


def _type_name(value, array):
    name = describe(value)
    if array is not None and not isinstance(value, (bool, int, float, list, tuple)):
        return f"{name} ({array.dtype})"
    return name


class HomeworkMode:
    def __init__(self):
        self.module = None
        self.kinds = {}
        self.call_cpu_s = 10.0
        self.max_values = 1_000_000
        self.memory_mb = 0

    def what(self, req):
        if req.get("op") == "open":
            return "homework.py (at import)"
        return "the homework call"

    def handle(self, req):
        op = req.get("op")
        if op == "open":
            return self.open(req)
        if op == "call":
            return [self.call(c) for c in req["calls"]]
        raise ValueError(f"unknown homework op {op!r}")

    def open(self, req):
        self.kinds = {name: list(kinds) for name, kinds in req["functions"].items()}
        self.call_cpu_s = max(0.001, float(req.get("callCpuMs", 10_000)) / 1000)
        self.max_values = int(req.get("maxReturnValues", 1_000_000))
        self.memory_mb = int(req.get("memoryMb", 0))
        root = paths.submission()
        sys.path.insert(0, root)
        spec = importlib.util.spec_from_file_location("homework", f"{root}/homework.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["homework"] = module
        self._with_budget(lambda: spec.loader.exec_module(module), "homework.py (at import)")
        missing = [name for name in self.kinds if not callable(getattr(module, name, None))]
        if missing:
            raise Verdict(
                "invalid_artifact",
                f"homework.py does not define {', '.join(f'{n}()' for n in missing)}",
                file="homework.py",
                expected=", ".join(f"def {n}(...)" for n in self.kinds),
                found=", ".join(sorted(n for n in vars(module) if callable(getattr(module, n)) and not n.startswith("_")))
                or "no functions",
            )
        self.module = module
        return {"functions": sorted(n for n in self.kinds if callable(getattr(module, n, None)))}

    def _with_budget(self, fn, what):
        previous = signal.signal(signal.SIGPROF, _on_cpu_budget)
        signal.setitimer(signal.ITIMER_PROF, self.call_cpu_s)
        try:
            return fn()
        except CallTimeLimit:
            raise Verdict(
                "time_limit",
                f"{what} used more than {self.call_cpu_s * 1000:.0f} ms of CPU time",
            ) from None
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)

    def call(self, c):
        name = c["name"]
        what = f"{name}()"
        kinds = self.kinds.get(name)
        if kinds is None:
            return {"ok": False, "failure": {"verdict": "runtime_error", "message": f"{name} is not a homework function"}}
        fn = getattr(self.module, name)
        try:
            args = [_argument(v, k) for v, k in zip(c["args"], kinds)]
            t0 = time.process_time()
            value = self._with_budget(lambda: fn(*args), what)
            ms = (time.process_time() - t0) * 1000
            return self._result(value, ms, what)
        except BaseException as e:  # noqa: BLE001 - every failure of the student's function is this case's verdict
            return {"ok": False, "failure": failure_report(e, what, self.memory_mb)}

    def _result(self, value, ms, what):
        array = to_numpy(value)
        if array is None or not is_numeric(array):
            return {"ok": True, "value": None, "shape": None, "type": _type_name(value, array), "ms": ms}
        if array.size > self.max_values:
            raise Verdict(
                "runtime_error",
                f"{what} returned {array.size} numbers; at most {self.max_values} are accepted",
            )
        flat = np.ascontiguousarray(array, dtype=np.float64).reshape(-1)
        return {"ok": True, "value": flat, "shape": list(array.shape), "type": _type_name(value, array), "ms": ms}
