"""The warm process: a Python that has imported what a course page's kernel imports and loaded
the course content once, and forks a kernel for each page (server.provisioner asks it to).

    python -m server.forkserver      # started by server.provisioner, one per course worker

It speaks one JSON object per line on its stdin and stdout: first it says `{"ready": pid}` (or
`{"error": "<one line>"}` and exits), then, for each `{"fork": "<launch file>"}`, it forks a child
and answers `{"pid": <child>}`. The launch file (written by the provisioner, readable by this
user only) holds the kernel's command, environment and folder; only the child reads it, after
the fork. So neither the connection key (in the connection file the kernel reads) nor anything
else of a kernel's environment ever enters this process; it is started with a minimal
environment (`warm_environment`). At the end of its input it forks no more, and exits once its
last kernel has (kernels keep running meanwhile).

Before the first fork it has started no thread, opened no socket and made no event loop (checked:
`fork_hazards`), and its heap is frozen (`gc.freeze()`) so that the garbage collector never
writes to the pages its kernels share with it copy-on-write. The child (`become_kernel`) starts a
new session, resets the signals, gets its own stdio and random seed, and runs ipykernel's
IPKernelApp as `python -m ipykernel_launcher` would. Kernels are this process's children, reaped
as they exit (`reap`; their CPU time then counts in this process's children's), and each
watches the course worker through a pidfd: it exits when the worker does, as a kernel the
worker started itself would (ipykernel's parent poller), but not when this process does.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import pkgutil
import select
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

# What a course page's kernel imports (found by listing sys.modules in kernels that ran the
# course's notebooks, and what IPKernelApp.initialize imports): ipykernel and IPython, the
# widget stack, and the course's kernel side.
PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.comm",
    "ipykernel.iostream",
    "ipykernel.heartbeat",
    "ipykernel.debugger",
    "IPython.core.completer",
    "IPython.core.completerlib",
    "IPython.core.debugger",
    "IPython.core.magics",
    "IPython.core.oinspect",
    "IPython.extensions.storemagic",
    "IPython.utils.wildcard",
    "tornado.platform.asyncio",
    "ipywidgets",
    "ipywidgets.widgets",
    "comm",
    "anywidget",
    "pydantic",
    "fsrs",
    "yaml",
    "sqlite3",
)
# The course's packages a kernel imports from (the model and the views), every module of them.
COURSE_PACKAGES = ("moves", "widgets")
# Names of environment variables the warm process may get (by prefix, then exact names): what
# modules may read at import (widgets.files: VOILA_BASE_URL, MOTW_SERVES_STATIC; the library in
# use: MOTW_LIBRARY) and is the same for every kernel of a worker. A kernel is forked only if its
# environment has the same values for these; it gets its whole environment after the fork.
WARM_ENV_PREFIXES = ("LC_", "PYTHON", "MOTW_", "XDG_")
WARM_ENV_NAMES = {
    "PATH",
    "HOME",
    "LANG",
    "LANGUAGE",
    "TZ",
    "TMPDIR",
    "VIRTUAL_ENV",
    "IPYTHONDIR",
    "JUPYTER_PATH",
    "JUPYTER_CONFIG_DIR",
    "JUPYTER_CONFIG_PATH",
    "JUPYTER_DATA_DIR",
    "JUPYTER_RUNTIME_DIR",
    "JUPYTER_PLATFORM_DIRS",
    "VOILA_BASE_URL",
    "VOILA_SERVER_URL",
}
SECRET_WORDS = ("TOKEN", "SECRET", "PASSWORD", "PASSWD", "KEY", "CREDENTIAL", "AUTH", "COOKIE")
# Signals this process changes, restored to Python's start-up handling in each kernel.
CHANGED_SIGNALS = (signal.SIGCHLD, signal.SIGINT)


def warm_environment(environ: dict[str, str]) -> dict[str, str]:
    """The part of `environ` a warm process starts with: paths, locale and the course's own
    settings (what modules may read at import), never anything that looks like a secret."""
    return {
        name: value
        for name, value in environ.items()
        if (name in WARM_ENV_NAMES or name.startswith(WARM_ENV_PREFIXES))
        and not any(word in name.upper() for word in SECRET_WORDS)
    }


def made_from() -> list[Path]:
    """The files a warm process is made from: the course's code (its kernel side, its front-end
    files and data) and the content. A change to any of them makes its kernels stale. The
    notebooks are not among them: Voilà reads a notebook for every page and runs it in the
    kernel, so a forked kernel runs the notebook as it is on disk."""
    from moves.loader import MUSCLES_FILE, MYTHS_FILE, library_dir

    files: list[Path] = []
    for name in COURSE_PACKAGES:
        folder = Path(importlib.import_module(name).__file__ or "").parent
        files += [
            path
            for path in sorted(folder.rglob("*"))
            if "__pycache__" not in path.parts and path.is_file()
        ]
    return [*files, library_dir(), MUSCLES_FILE, MYTHS_FILE]


def course_modules() -> list[str]:
    """Every module of the course's packages that a kernel may import."""
    names = list(COURSE_PACKAGES)
    for package in COURSE_PACKAGES:
        module = importlib.import_module(package)
        names += [info.name for info in pkgutil.walk_packages(module.__path__, f"{package}.")]
    return names


def preload() -> None:
    """Import what a page's kernel imports and load the content as a kernel does (each loader
    keeps its result for the process, so a forked kernel finds it loaded)."""
    for name in (*PRELOAD, *course_modules()):
        importlib.import_module(name)
    from moves.loader import course
    from moves.quiz import load_myths
    from moves.review import scheduler
    from moves.routines.load import routines

    course()
    load_myths()
    scheduler()
    routines()


def fork_hazards() -> list[str]:
    """What this process holds that a fork would copy into every kernel half-working: threads,
    sockets, an event loop. Empty when forking is safe."""
    import asyncio

    main = threading.main_thread()
    found = [f"thread {t.name!r}" for t in threading.enumerate() if t is not main]
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:"):
            found.append(f"socket (fd {fd})")
    policy = asyncio.get_event_loop_policy()
    if getattr(getattr(policy, "_local", None), "_loop", None) is not None:
        found.append("an asyncio event loop")
    return found


def say(message: dict) -> None:
    """One line to the worker (a single write: a line under PIPE_BUF is never split)."""
    os.write(1, (json.dumps(message) + "\n").encode())


def requests() -> Iterator[dict]:
    """The worker's requests, one a line, until it closes the pipe. Read with os.read, not
    sys.stdin, so that no request is left in a buffer a child inherits."""
    pending = b""
    while True:
        chunk = os.read(0, 65536)
        if not chunk:
            return
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            yield json.loads(line)


def serve(worker: int) -> str | None:
    """Answer fork requests until the input ends (returns None). In a forked child, returns the
    path of its launch file instead, once the child is on its own."""
    for request in requests():
        launch = request.get("fork")
        if not isinstance(launch, str):
            say({"error": f"unknown request {request!r}"})
            continue
        settled_read, settled_write = os.pipe()
        try:
            pid = os.fork()
        except OSError as exc:
            os.close(settled_read)
            os.close(settled_write)
            say({"error": f"fork failed: {exc}"})
            continue
        if pid == 0:
            leave_warm_process(worker)  # its last step closes settled_write: the worker may
            return launch  # signal this kernel from then on
        os.close(settled_write)
        os.read(settled_read, 1)  # returns at the child's close (or exit)
        os.close(settled_read)
        say({"pid": pid})
    return None


def leave_warm_process(worker: int) -> None:
    """The child's first steps: its own session (interrupts reach it and its subprocesses, and
    not the warm process), Python's usual signal handling, stdio of its own (stdin from
    /dev/null, stdout to the worker's log as a stock kernel's), no file of the warm process's
    but the worker's pidfd."""
    os.setsid()
    for number in CHANGED_SIGNALS:
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    os.closerange(3, worker)
    os.closerange(worker + 1, os.sysconf("SC_OPEN_MAX"))


def become_kernel(launch: str, worker: int) -> None:
    """Run the kernel the launch file describes, as `python -m ipykernel_launcher` would."""
    import random

    with open(launch, encoding="utf-8") as file:
        spec = json.load(file)
    os.unlink(launch)
    os.environ.clear()
    os.environ.update(spec["env"])
    os.environ.pop("JPY_PARENT_PID", None)  # the parent is watched below, by pidfd
    os.chdir(spec["cwd"])
    random.seed()  # also done at fork by the random module; says so here
    gc.enable()
    threading.Thread(target=exit_with, args=(worker,), name="worker-watch", daemon=True).start()
    from ipykernel.kernelapp import IPKernelApp

    launcher = importlib.util.find_spec("ipykernel_launcher")
    sys.argv = [launcher.origin if launcher else "ipykernel_launcher", *spec["argv"][3:]]
    app = IPKernelApp.instance()
    # Its parent is watched above. 1 (init, which never exits) tells ipykernel there is a
    # parent but to start no poller of its own, which would take the warm process for it; and
    # not to print the console notes of a kernel started by hand.
    app.parent_handle = 1
    app.initialize(spec["argv"][3:])
    # ipywidgets registers its comm targets ('jupyter.widget', 'jupyter.widget.control') when
    # it is imported inside a kernel; this process imported it before the kernel existed.
    widgets = sys.modules.get("ipywidgets")
    if widgets is not None:
        widgets.register_comm_target()
    app.start()


def exit_with(worker: int) -> None:
    """Exit when the course worker does (its pidfd turns readable), as ipykernel's parent
    poller makes a kernel the worker started itself exit."""
    poller = select.poll()  # not select(): the descriptor may lie past its limit of 1024
    poller.register(worker, select.POLLIN)
    poller.poll()
    os._exit(1)


def main() -> int:
    if sys.path and Path(sys.path[0] or ".").resolve() == Path.cwd():
        del sys.path[0]  # as ipykernel_launcher does; the kernel puts its folder back
    gc.disable()  # no collection while importing: the frozen heap is then compact
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ^C in the worker's terminal: no traceback
    signal.signal(signal.SIGCHLD, reap)
    worker = os.pidfd_open(os.getppid())
    try:
        preload()
    except BaseException as exc:  # one line for the worker's log, never a traceback
        say({"error": f"cannot preload the course: {type(exc).__name__}: {exc}".splitlines()[0]})
        return 1
    hazards = fork_hazards()
    if hazards:
        say({"error": "the course's imports started " + ", ".join(hazards)})
        return 1
    gc.collect()
    gc.freeze()
    say({"ready": os.getpid()})
    launch = serve(worker)
    if launch is None:
        wait_for_kernels()
        return 0
    become_kernel(launch, worker)
    return 0


def wait_for_kernels() -> None:
    """Stay the parent of the kernels still running until the last one exits, so that none is
    left to an init that might not reap it."""
    with contextlib.suppress(ChildProcessError):
        while True:
            os.waitpid(-1, 0)


def reap(_signum: int, _frame: object) -> None:
    """SIGCHLD: collect every kernel that has exited, so that none is left a zombie."""
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


if __name__ == "__main__":
    sys.exit(main())
