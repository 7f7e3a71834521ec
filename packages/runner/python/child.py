"""Entry of the Python sandbox child:  python -I child.py <mode> <config JSON>

Started by packages/runner/src/python/python-sandbox.ts inside bubblewrap (or, for `critic eval
--unsandboxed` on a student's own machine, directly). Before any submission code runs it:
  1. moves the protocol onto private descriptors: fd 0 becomes /dev/null and fd 1 a copy of fd 2,
     so the submission's print() and input() never touch the frames;
  2. drops root (when bubblewrap ran as root without a user namespace) to the sandbox's own uid,
     so RLIMIT_NPROC applies (the kernel never applies it to uid 0);
  3. sets its rlimits: address space, CPU seconds, processes, file size, open files, no core files;
then serves requests of its mode until the grader closes the channel.

A mode is a module `critic_sandbox/<mode>_mode.py` with a class that has `handle(request) -> value`
and `what(request) -> str` (how a failure names the call, e.g. "act()"). Add a mode by adding a file
and a line to MODES.
"""

import json
import os
import resource
import sys

MODES = {
    "agent": ("critic_sandbox.agent_mode", "AgentMode"),
    "validate": ("critic_sandbox.validate_mode", "ValidateMode"),
    "homework": ("critic_sandbox.homework_mode", "HomeworkMode"),
    "env": ("critic_sandbox.env_mode", "EnvMode"),
}


def _private_channel():
    proto_in = os.dup(0)
    proto_out = os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    return proto_in, proto_out


def _drop_root(uid):
    if os.getuid() == 0 and uid:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    if os.getuid() == 0 and uid:
        raise SystemExit("the sandbox child could not drop root")


def _set_limits(limits):
    table = {
        "addressSpaceBytes": resource.RLIMIT_AS,
        "cpuSeconds": resource.RLIMIT_CPU,
        "processes": resource.RLIMIT_NPROC,
        "fileBytes": resource.RLIMIT_FSIZE,
        "openFiles": resource.RLIMIT_NOFILE,
    }
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    for key, which in table.items():
        value = limits.get(key)
        if value is None:
            continue
        hard = value
        if which == resource.RLIMIT_CPU:
            hard = value + 1  # SIGXCPU at the soft limit, SIGKILL one second later (if ignored)
        resource.setrlimit(which, (value, hard))


def main():
    mode_name = sys.argv[1]
    config = json.loads(sys.argv[2])
    proto_in, proto_out = _private_channel()
    _drop_root(config.get("uid"))
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    sys.dont_write_bytecode = True
    # Imported before the limits: numpy's start-up is the runtime's, not the submission's.
    import importlib

    from critic_sandbox import framing, paths, student_errors

    paths.set_submission(config.get("submission", "/submission"))
    sys.path.insert(1, paths.submission())

    module_name, class_name = MODES[mode_name]
    mode = getattr(importlib.import_module(module_name), class_name)()
    _set_limits(config.get("limits", {}))
    sys.path.remove(here)
    channel = framing.Channel(proto_in, proto_out)
    memory_mb = (config.get("limits", {}).get("addressSpaceBytes") or 0) // (1024 * 1024)
    sys.stdout.reconfigure(line_buffering=True)
    main_pid = os.getpid()
    while True:
        try:
            req = channel.receive()
        except EOFError:
            os._exit(0)
        try:
            result = mode.handle(req)
            reply = {"ok": True, "result": result}
        except BaseException as e:  # noqa: BLE001 - every failure of the submission becomes a verdict
            reply = {"ok": False, "failure": student_errors.failure_report(e, mode.what(req), memory_mb)}
            e = None
        if os.getpid() != main_pid:
            os._exit(1)  # a process the submission forked came back here: only the main one answers
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001 - the submission may have replaced or closed them
            pass
        try:
            channel.send(reply)
        except (TypeError, ValueError) as e:
            channel.send({"ok": False, "failure": {"verdict": "runtime_error", "message": f"unsendable result: {e}"}})


if __name__ == "__main__":
    main()
