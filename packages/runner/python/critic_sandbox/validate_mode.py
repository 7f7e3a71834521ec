"""Validate mode: checks a submission folder without running any of its code.

  {"op": "validate", "entry": "agent.py", "requiredFunctions": ["act"]}
      -> {"files": [...], "imports": [...], "functions": [...]}
      or an invalid_artifact failure naming the file, line, expected and found.

Every .py file must compile; the entry must define the required functions at module level; every
module imported anywhere must be a file of the submission, in the standard library, or installed in
the runtime (found with importlib.util.find_spec, which reads the runtime's files and runs none of
the submission's).
"""

import ast
import importlib.util
import os
import sys

from . import paths
from .student_errors import Verdict


def _python_files():
    out = []
    for base, dirs, files in os.walk(paths.submission()):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for f in sorted(files):
            if f.endswith(".py"):
                out.append(os.path.relpath(os.path.join(base, f), paths.submission()))
    return out


def _local_module(name):
    return os.path.isfile(os.path.join(paths.submission(), f"{name}.py")) or os.path.isdir(os.path.join(paths.submission(), name))


def _defined_names(tree):
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    names.add(t.id)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names.add((alias.asname or alias.name).split(".")[0])
    return names


class ValidateMode:
    def what(self, req):
        return "validation"

    def handle(self, req):
        if req.get("op") != "validate":
            raise ValueError(f"unknown validate op {req.get('op')!r}")
        entry = req["entry"]
        required = list(req.get("requiredFunctions", []))
        files = _python_files()
        if entry not in files:
            raise Verdict(
                "invalid_artifact",
                f"the submission has no {entry}",
                file=entry,
                expected=f"a file named {entry}",
                found=", ".join(files) or "no .py file",
            )
        imports = {}
        entry_names = set()
        for rel in files:
            with open(os.path.join(paths.submission(), rel), "rb") as f:
                source = f.read()
            try:
                tree = ast.parse(source, filename=rel)
                compile(tree, rel, "exec")
            except SyntaxError as e:
                raise Verdict(
                    "invalid_artifact",
                    f"{rel} does not compile: {e.msg} (line {e.lineno})",
                    file=rel,
                    expected="valid Python 3.11",
                    found=f"line {e.lineno}: {(e.text or '').strip()}"[:200],
                ) from None
            except ValueError as e:  # e.g. a null byte in the source
                raise Verdict("invalid_artifact", f"{rel} is not Python source: {e}", file=rel) from None
            if rel == entry:
                entry_names = _defined_names(tree)
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    for alias in node.names:
                        imports.setdefault(alias.name.split(".")[0], (rel, node.lineno))
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    imports.setdefault(node.module.split(".")[0], (rel, node.lineno))
        missing_fn = [f for f in required if f not in entry_names]
        if missing_fn:
            raise Verdict(
                "invalid_artifact",
                f"{entry} does not define {', '.join(f'{f}()' for f in missing_fn)} at module level",
                file=entry,
                expected=", ".join(f"def {f}(...)" for f in required),
                found=", ".join(sorted(n for n in entry_names if not n.startswith("_"))) or "no definitions",
            )
        for name, (rel, line) in sorted(imports.items(), key=lambda kv: kv[1]):
            if _local_module(name) or name in sys.stdlib_module_names:
                continue
            if importlib.util.find_spec(name) is None:
                raise Verdict(
                    "invalid_artifact",
                    f"{rel} line {line} imports `{name}`, which the Python runtime does not provide "
                    "(it has numpy, torch, jax, gymnasium, mujoco, onnx, onnxruntime, scipy and the standard library)",
                    file=rel,
                    expected="a module of the runtime or of the submission",
                    found=name,
                )
        return {"files": files, "imports": sorted(imports), "functions": sorted(entry_names)}
