"""Kernels forked from a warm process: a jupyter_client kernel provisioner (`motw-fork`).

The course app chooses it in voila.json (`KernelProvisionerFactory.default_provisioner_name`);
JupyterLab, nbval and plain Voilà keep jupyter_client's `local-provisioner`. Each course worker
keeps one warm process (server.forkserver) that has imported the course and loaded its content;
a page's kernel is forked from it, so it starts in milliseconds and shares that memory
copy-on-write. The provisioner then manages the kernel by PID, through a pidfd (the kernel is
the warm process's child, not the worker's): poll, wait, interrupt, terminate and kill reach
exactly that process, or its process group as with the stock provisioner.

Anything else is `LocalProvisioner`'s ordinary start: a kernel command that is not this Python's
ipykernel, a warm process that died, cannot start or does not answer (one line in the log; a
new warm process is started, at most once per `RETRY_SECONDS`), or an environment whose
import-time part differs from the warm process's. The learner gets a kernel either way.
A warm process whose files changed (`server.forkserver.made_from`) is replaced before it forks
again, so no kernel is forked from stale content.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

from moves.contentcache import content_stamp
from server.forkserver import made_from, warm_environment

READY_SECONDS = 60.0  # a warm process importing the course on a busy machine
ANSWER_SECONDS = 10.0  # a fork
RETRY_SECONDS = 30.0  # after a warm process failed, how long kernels start plainly
LISTEN_SECONDS = 10.0  # a forked kernel binding its ports on a busy machine
ROOT = Path(__file__).resolve().parents[1]
log = logging.getLogger("motw.forkserver")


def readable(fd: int, timeout: float | None) -> bool:
    """Whether `fd` turns readable within `timeout` seconds (None: wait). poll(), not select():
    a worker serving a class holds more than select()'s 1024 descriptors."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(None if timeout is None else max(0, math.ceil(timeout * 1000))))


class ForkedKernel:
    """A kernel process that is not our child, as much of `subprocess.Popen` as the
    LocalProvisioner uses: poll, wait, signals. Backed by a pidfd, so a signal can never reach
    another process that reused the PID. Its exit status belongs to its parent (the warm
    process), so `returncode` is the signal that ended it when we sent one, else 0."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.fd: int | None = os.pidfd_open(pid)
        self.returncode: int | None = None
        self._sent: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and self.fd is not None and readable(self.fd, 0):
            self.returncode = -self._sent if self._sent else 0
            self.close()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None and self.fd is not None and not readable(self.fd, timeout):
            raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0)
        return self.poll()  # type: ignore[return-value]

    def send_signal(self, signum: int, group: bool = False) -> None:
        """Signal the kernel, or its process group (its session: the kernel and what it
        started), as LocalProvisioner prefers. The pidfd says first whether the kernel still
        runs; a group signal then misses only if it exits and its PID is reused in between.
        A kernel that has exited is not signalled, as Popen does not signal a dead process."""
        if self.poll() is not None:
            return
        if group:
            os.killpg(self.pid, signum)
        else:
            signal.pidfd_send_signal(self.fd, signum)  # type: ignore[arg-type]
        if signum in (signal.SIGKILL, signal.SIGTERM):
            self._sent = signum

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


class WarmProcess:
    """One warm process, seen from the worker: started with the import-time environment
    `env`, made from files whose stamp was `stamp` when it started."""

    def __init__(self, env: dict[str, str], stamp: tuple) -> None:
        self.env = env
        self.stamp = stamp
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server.forkserver"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env=env,
        )
        self.ready = False
        self._pending = b""

    def _line(self, deadline: float) -> dict:
        out = self.process.stdout.fileno()  # type: ignore[union-attr]
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            if left <= 0 or not readable(out, left):
                raise TimeoutError("did not answer in time")
            chunk = os.read(out, 65536)
            if not chunk:
                code = self.process.wait()
                raise ConnectionError(f"exited (status {code})")
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer

    def wait_ready(self, seconds: float) -> None:
        if not self.ready:
            self._line(time.monotonic() + seconds)
            self.ready = True

    def fork(self, launch: Path) -> int:
        request = json.dumps({"fork": str(launch)}).encode() + b"\n"
        try:
            self.process.stdin.write(request)  # type: ignore[union-attr]
            self.process.stdin.flush()  # type: ignore[union-attr]
        except OSError:
            raise ConnectionError("has exited") from None
        return int(self._line(time.monotonic() + ANSWER_SECONDS)["pid"])

    def alive(self) -> bool:
        return self.process.poll() is None

    def retire(self) -> None:
        """Close its input: it forks no more, and exits after its last kernel. Reaped then,
        by a thread of its own."""
        with contextlib.suppress(OSError):
            self.process.stdin.close()  # type: ignore[union-attr]
        threading.Thread(target=self._reap, name="warm-process-reaper", daemon=True).start()

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        self.retire()

    def _reap(self) -> None:
        self.process.wait()
        self.process.stdout.close()  # type: ignore[union-attr]


class ForkServer:
    """The worker's warm process: started by `start` (or by the first kernel), replaced when its
    files change, started again after a failure. One per worker process (`instance()`)."""

    _instance: ForkServer | None = None

    def __init__(self) -> None:
        self.warm: WarmProcess | None = None
        self.lock = threading.Lock()
        self.failed_at = -RETRY_SECONDS
        self.paths: list[Path] | None = None
        self.differ: list[str] = []  # the names last logged as differing

    @classmethod
    def instance(cls) -> ForkServer:
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def stamp(self) -> tuple:
        if self.paths is None:
            self.paths = made_from()
        return content_stamp(self.paths)

    def start(self, environ: dict[str, str] | None = None) -> threading.Thread:
        """Start the warm process now, for kernels whose environment is like `environ` (by
        default this process's), and log its failure, if it fails, as soon as it does."""
        env = warm_environment(dict(os.environ if environ is None else environ))

        def start_and_wait() -> None:
            with self.lock:
                if self.warm is None:
                    self.warm = WarmProcess(env, self.stamp())
                self._ready(self.warm)

        thread = threading.Thread(target=start_and_wait, name="warm-process", daemon=True)
        thread.start()
        return thread

    def _ready(self, warm: WarmProcess) -> WarmProcess | None:
        """`warm` once it is ready, or None if it failed. Called with the lock held."""
        try:
            warm.wait_ready(READY_SECONDS)
        except (RuntimeError, TimeoutError, ConnectionError, ValueError) as exc:
            self._failed(f"the warm process of kernels {exc}", warm)
            return None
        return warm

    def _current(self, env: dict[str, str]) -> WarmProcess | None:
        """A ready, up-to-date warm process for kernels with this import-time environment, or
        None. Called with the lock held."""
        warm = self.warm
        if warm is not None and not warm.alive() and warm.ready:
            self._failed("the warm process of kernels has exited", warm)
            return None  # this kernel starts the usual way, while the new one gets ready
        if warm is not None and warm.env != env:
            differ = sorted(k for k in {*env, *warm.env} if env.get(k) != warm.env.get(k))
            if differ != self.differ:
                log.warning(
                    "a kernel's environment differs from the warm process's in %s; such "
                    "kernels start the usual way",
                    ", ".join(differ),
                )
                self.differ = differ
            return None
        stamp = self.stamp()
        if warm is not None and warm.stamp != stamp:
            log.info("The course changed: replacing the warm process of kernels")
            warm.retire()
            self.warm = warm = WarmProcess(env, stamp)
        if warm is None:
            if time.monotonic() - self.failed_at < RETRY_SECONDS:
                return None
            self.warm = warm = WarmProcess(env, stamp)
        return self._ready(warm)

    def _failed(self, why: str, warm: WarmProcess) -> None:
        """Log one line, drop `warm` and start another, unless one failed a moment ago too:
        then kernels start plainly until RETRY_SECONDS have passed. Called with the lock held."""
        log.warning("%s; kernels start the usual way until a new one is ready", why)
        warm.kill()
        now = time.monotonic()
        again = now - self.failed_at < RETRY_SECONDS
        self.failed_at = now
        self.warm = None if again else WarmProcess(warm.env, self.stamp())

    def fork(self, launch: Path, env: dict[str, str]) -> int | None:
        """Fork a kernel from the warm process for this launch file; None if it cannot (the
        reason is logged): the caller starts the kernel the usual way."""
        with self.lock:
            warm = self._current(warm_environment(env))
            if warm is None:
                return None
            try:
                return warm.fork(launch)
            except (RuntimeError, TimeoutError, ConnectionError, ValueError, KeyError) as exc:
                self._failed(f"the warm process of kernels {exc}", warm)
                return None

    def check(self) -> None:
        """Between pages (the app calls this every few seconds; it returns at once): replace a
        warm process whose files changed, or one that died, so that no page waits for it."""
        threading.Thread(target=self._check, name="warm-process-check", daemon=True).start()

    def _check(self) -> None:
        if not self.lock.acquire(blocking=False):
            return  # a page is being forked, or the warm process started: it checks too
        try:
            warm = self.warm
            if warm is not None and warm.ready and (not warm.alive() or warm.stamp != self.stamp()):
                self._current(warm.env)
        finally:
            self.lock.release()

    def stop(self) -> None:
        with self.lock:
            if self.warm is not None:
                self.warm.retire()
                self.warm = None


def forkable(cmd: list[str]) -> bool:
    """Whether `cmd` starts this Python's ipykernel, the kernel the warm process can become."""
    if len(cmd) < 3 or cmd[1:3] != ["-m", "ipykernel_launcher"]:
        return False
    found = shutil.which(cmd[0])
    return found is not None and os.path.abspath(found) == os.path.abspath(sys.executable)


def write_launch(connection_file: str, cmd: list[str], env: dict[str, str], cwd: str) -> Path:
    """The launch file a forked kernel reads (and deletes): next to its connection file,
    readable by this user only."""
    path = Path(connection_file).with_suffix(".launch.json")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({"argv": cmd, "env": env, "cwd": cwd}, out)
    return path


async def listening(info: KernelConnectionInfo, kernel: ForkedKernel) -> None:
    """Return once the kernel listens on its shell and IOPub ports (IOPub is bound last), or
    has exited, or LISTEN_SECONDS have passed. A forked kernel binds them some milliseconds
    after the fork; a client that connected before would retry only after zmq's reconnect
    interval (100 ms), longer than the whole start."""
    if info.get("transport", "tcp") != "tcp":
        return
    deadline = time.monotonic() + LISTEN_SECONDS
    for port in (info["shell_port"], info["iopub_port"]):
        while kernel.poll() is None and time.monotonic() < deadline:
            try:
                socket.create_connection((str(info["ip"]), int(port)), timeout=1).close()
                break
            except OSError:
                await asyncio.sleep(0.002)


class ForkProvisioner(LocalProvisioner):  # type: ignore[misc]
    """LocalProvisioner, with the kernel forked from the worker's warm process when it can."""

    forked = False

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        env = dict(kwargs.get("env") or os.environ)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        connection_file = getattr(self.parent, "connection_file", "")
        if connection_file and forkable(cmd):
            launch = write_launch(connection_file, cmd, env, cwd)
            pid = await asyncio.to_thread(ForkServer.instance().fork, launch, env)
            if pid is not None:
                self.process = ForkedKernel(pid)
                self.pid = self.pgid = pid
                self.cwd = cwd
                self.forked = True
                await listening(self.connection_info, self.process)
                return self.connection_info
            launch.unlink(missing_ok=True)
        self.forked = False
        return await super().launch_kernel(cmd, **kwargs)

    async def send_signal(self, signum: int) -> None:
        if isinstance(self.process, ForkedKernel):
            try:
                self.process.send_signal(signum, group=True)
            except OSError:  # as LocalProvisioner: the group, else the kernel alone
                self.process.send_signal(signum)
            return
        await super().send_signal(signum)

    async def cleanup(self, restart: bool = False) -> None:
        if isinstance(self.process, ForkedKernel):
            self.process.close()
        connection_file = getattr(self.parent, "connection_file", "")
        if connection_file:  # a kernel that died before it read its launch file
            Path(connection_file).with_suffix(".launch.json").unlink(missing_ok=True)
        await super().cleanup(restart=restart)

    async def get_provisioner_info(self) -> dict:
        return {**await super().get_provisioner_info(), "forked": self.forked}

    async def load_provisioner_info(self, provisioner_info: dict) -> None:
        await super().load_provisioner_info(provisioner_info)
        self.forked = bool(provisioner_info.get("forked"))
        if self.forked and self.pid:
            with contextlib.suppress(OSError):
                self.process = ForkedKernel(self.pid)


FORK_PROVISIONER = "motw-fork"
CHECK_SECONDS = 5.0  # how often a running app looks at the files its warm process is made from


def use_configured_provisioner(app: Any) -> ForkServer | None:
    """At the course app's start: check the kernel provisioner its configuration names (one
    line, SystemExit, if no such provisioner is installed: otherwise every page would fail), and
    if it is this one, start the warm process now (its kernels get the app's environment) and
    look at its files every CHECK_SECONDS."""
    from importlib.metadata import entry_points

    from jupyter_client.provisioning import KernelProvisionerFactory
    from tornado.ioloop import PeriodicCallback

    factory = KernelProvisionerFactory.instance(parent=app.kernel_manager)
    name = factory.default_provisioner_name
    installed = sorted(ep.name for ep in entry_points(group=factory.GROUP_NAME))
    if name not in installed:
        raise SystemExit(
            f"server.app: KernelProvisionerFactory.default_provisioner_name: {name!r} is not an "
            f"installed kernel provisioner; expected one of {', '.join(installed)}"
        )
    if name != FORK_PROVISIONER:
        return None
    server = ForkServer.instance()
    # Kernels get the app's environment and, from Voilà, its URLs (voila.handler, and
    # voila_kernel_manager for pooled ones); widgets.files reads VOILA_BASE_URL at import.
    server.start({**os.environ, "VOILA_BASE_URL": app.base_url, "VOILA_SERVER_URL": app.server_url})
    PeriodicCallback(server.check, CHECK_SECONDS * 1000).start()
    return server
