"""A group's own Gymnasium environment: `env.py` in the submission folder (with the asset files it loads).

env.py defines `make_env()` returning a `gymnasium.Env`, or exactly one `gymnasium.Env` subclass
(constructed without arguments). It runs only in the sandbox. `check()` runs Gymnasium's own
`gymnasium.utils.env_checker.check_env` and reports its messages: an exception is a failure, and so
are the warnings that mean the env breaks its own spaces or uses the old 4-tuple step API.
"""

import importlib.util
import inspect
import re
import sys
import warnings

from . import paths
from .student_errors import Verdict

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Warnings of check_env that mean the env is broken (not style advice).
_FAILING_WARNINGS = ("not within the observation space", "old step API", "is not within", "must be")


def load_module():
    root = paths.submission()
    if root not in sys.path:
        sys.path.insert(0, root)
    spec = importlib.util.spec_from_file_location("env", f"{root}/env.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["env"] = module
    spec.loader.exec_module(module)
    return module


def make(module):
    """A fresh env of the module (Verdict `invalid_artifact` when it names none or several)."""
    import gymnasium as gym

    factory = getattr(module, "make_env", None)
    if callable(factory):
        env = factory()
    else:
        classes = [
            c
            for c in vars(module).values()
            if inspect.isclass(c) and issubclass(c, gym.Env) and c.__module__ == module.__name__
        ]
        if len(classes) != 1:
            names = ", ".join(c.__name__ for c in classes) or "none"
            raise Verdict(
                "invalid_artifact",
                f"env.py must define make_env() or exactly one gymnasium.Env subclass; found {names}",
                file="env.py",
                expected="def make_env() or one class MyEnv(gymnasium.Env)",
                found=names,
            )
        env = classes[0]()
    if not isinstance(env, gym.Env):
        raise Verdict(
            "invalid_artifact",
            f"make_env() returned a {type(env).__name__}, not a gymnasium.Env",
            file="env.py",
            expected="a gymnasium.Env",
            found=type(env).__name__,
        )
    return env


def _clean(message):
    return _ANSI.sub("", str(message)).replace("WARN: ", "").strip()


def check(module):
    """check_env's verdict on a fresh env: {passed, failures, warnings} (messages as Gymnasium words them)."""
    from gymnasium.utils.env_checker import check_env

    failures = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            env = make(module)
        except Verdict:
            raise
        try:
            check_env(env, skip_render_check=True)
        except Exception as e:  # noqa: BLE001 - check_env's assertion is the message to show
            failures.append(f"{type(e).__name__}: {_clean(e)}")
    notes = [_clean(w.message) for w in caught]
    failures += [n for n in notes if any(k in n for k in _FAILING_WARNINGS)]
    rest = [n for n in notes if n not in failures]
    return {"passed": not failures, "failures": failures, "warnings": rest}
