"""Failures of student code, as the grader's verdicts (packages/runner/src/verdict.ts).

Only the student's own frames (files under the submission folder) appear in a stack: the grader's
frames, paths and arguments never reach the student.
"""

import traceback

from . import paths


class Verdict(Exception):
    """A failure with a verdict, e.g. Verdict("invalid_action", "act() returned ...")."""

    def __init__(self, verdict, message, **location):
        super().__init__(message)
        self.verdict = verdict
        self.message = message
        self.location = {k: v for k, v in location.items() if v is not None}


def student_stack(exc):
    """The traceback of `exc` restricted to frames in the submission, paths relative to it."""
    root = paths.submission() + "/"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(root)]
    lines = []
    for f in frames:
        lines.append(f'  File "{f.filename[len(root):]}", line {f.lineno}, in {f.name}')
        if f.line:
            lines.append(f"    {f.line.strip()}")
    if isinstance(exc, SyntaxError) and exc.filename and exc.filename.startswith(root):
        lines.append(f'  File "{exc.filename[len(root):]}", line {exc.lineno}')
        if exc.text:
            lines.append(f"    {exc.text.strip()}")
    return "\n".join(lines)


def failure_report(exc, what, memory_mb):
    """The FailureReport (plain dict) of an exception raised while the child ran `what`."""
    if isinstance(exc, Verdict):
        return {"verdict": exc.verdict, "message": exc.message, **exc.location}
    if isinstance(exc, MemoryError):
        return {
            "verdict": "memory_limit",
            "message": f"{what} ran out of memory (the sandbox allows {memory_mb} MiB of address space)",
        }
    if isinstance(exc, SystemExit):
        message = f"{what} called sys.exit({exc.code!r}); an agent or homework module must not exit"
    elif isinstance(exc, KeyboardInterrupt):
        message = f"{what} was interrupted (KeyboardInterrupt raised by the submission)"
    else:
        text = str(exc)
        message = f"{what} raised {type(exc).__name__}" + (f": {text}" if text else "")
    report = {"verdict": "runtime_error", "message": message[:2000]}
    stack = student_stack(exc)
    if stack:
        report["studentStack"] = stack[:8000]
    return report
