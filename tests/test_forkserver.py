"""Kernels forked from the warm process (server.forkserver, server.provisioner), driven through
jupyter_client's own KernelManager as the course app's kernel manager drives them: start, poll,
interrupt, restart, shutdown and kill; isolation between two kernels forked from one warm
process; no secret in the warm process; a change to the course replaces it; a warm process that
is gone or cannot start costs no kernel."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from jupyter_client.manager import KernelManager
from jupyter_client.provisioning import KernelProvisionerFactory
from support import in_own_loop

from server.forkserver import fork_hazards, warm_environment
from server.provisioner import ForkServer

ROOT = Path(__file__).resolve().parents[1]
LOG = "motw.forkserver"


@pytest.fixture(scope="module")
def shared_warm() -> Iterator[ForkServer]:
    """One warm process for the tests that only fork from it."""
    server = ForkServer()
    server.start().join()
    assert server.warm is not None and server.warm.ready
    yield server
    server.stop()


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """motw-fork as the default provisioner, as the course app configures it."""
    monkeypatch.setattr(
        KernelProvisionerFactory.instance(), "default_provisioner_name", "motw-fork"
    )
    yield


@pytest.fixture
def warm(shared_warm: ForkServer, forking: None, monkeypatch) -> ForkServer:
    monkeypatch.setattr(ForkServer, "_instance", shared_warm)
    return shared_warm


@pytest.fixture
def own_warm(forking: None, monkeypatch) -> Iterator[ForkServer]:
    """A fork server of this test's own (the test kills or changes its warm process)."""
    server = ForkServer()
    monkeypatch.setattr(ForkServer, "_instance", server)
    yield server
    server.stop()


@contextlib.contextmanager
def kernel(env: dict[str, str] | None = None) -> Iterator[tuple[KernelManager, object]]:
    """A started kernel and a ready client, shut down at the end."""
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(env={**os.environ, **(env or {})})
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        yield manager, client
    finally:
        client.stop_channels()
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)


def run(client, code: str, timeout: float = 60) -> str:
    """What `code` prints in the kernel."""
    printed: list[str] = []

    def keep(message: dict) -> None:
        if message["header"]["msg_type"] == "stream":
            printed.append(message["content"]["text"])

    reply = client.execute_interactive(code, timeout=timeout, output_hook=keep)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(printed).strip()


def gone(pid: int, seconds: float = 30) -> bool:
    """Whether process `pid` has exited and been reaped (no zombie left) within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                time.sleep(0.05)
                continue
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.05)
    return False


def memory_holds(pid: int, needle: bytes) -> bool:
    """Whether `needle` is anywhere in the readable memory of process `pid` (/proc/<pid>/mem:
    this process may read it, the process being its descendant)."""
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as memory:
        for line in maps:
            span, permissions = line.split()[:2]
            if not permissions.startswith("r"):
                continue
            start, end = (int(address, 16) for address in span.split("-"))
            try:
                memory.seek(start)
                chunk = memory.read(end - start)
            except (OSError, ValueError, OverflowError):
                continue
            if needle in chunk:
                return True
    return False


def test_a_forked_kernel_is_a_process_of_its_own_with_the_course_loaded(warm):
    with kernel() as (manager, client):
        provisioner = manager.provisioner
        assert provisioner.forked
        pid = int(run(client, "import os; print(os.getpid())"))
        assert pid == provisioner.pid != warm.warm.process.pid
        process = psutil.Process(pid)
        assert process.ppid() == warm.warm.process.pid
        assert os.getsid(pid) == pid  # a session of its own: interrupts reach it alone
        # Nothing imported yet in this kernel, and the course is there, loaded.
        loaded = run(
            client,
            "import sys; print('moves.loader' in sys.modules and 'widgets.quiz' in sys.modules"
            " and sys.modules['moves.loader'].course.cache_info().currsize)",
        )
        assert loaded == "1"


def test_a_forked_kernel_answers_the_widget_comm_targets(warm):
    """ipywidgets registers 'jupyter.widget' and 'jupyter.widget.control' when it is imported
    inside a kernel; the warm process imported it before there was one. Without them the page
    cannot restore its widgets ("No such comm target registered")."""
    with kernel() as (_, client):
        targets = run(
            client,
            "print(sorted(t for t in get_ipython().kernel.comm_manager.targets"
            " if t.startswith('jupyter.widget')))",
        )
        assert targets == "['jupyter.widget', 'jupyter.widget.control']"


def test_poll_interrupt_restart_and_shutdown(warm):
    with kernel() as (manager, client):
        assert manager.is_alive()
        first = manager.provisioner.pid

        sleep = "import time; print('asleep', flush=True); time.sleep(120)"
        msg_id = client.execute(sleep, stop_on_error=False)  # the next cell runs, not aborted
        while True:  # the cell is running (SIGINT is ignored until a cell starts)
            message = client.get_iopub_msg(timeout=30)
            if message["content"].get("text", "").startswith("asleep"):
                break
        manager.interrupt_kernel()
        reply = client.get_shell_msg(timeout=30)
        assert reply["parent_header"]["msg_id"] == msg_id
        assert reply["content"]["ename"] == "KeyboardInterrupt"
        assert run(client, "print('still here')") == "still here"

        manager.restart_kernel(now=False)
        client.wait_for_ready(timeout=60)
        second = manager.provisioner.pid
        assert second != first and manager.provisioner.forked
        assert gone(first)
        assert int(run(client, "import os; print(os.getpid())")) == second

        manager.shutdown_kernel()
        assert not manager.is_alive()
        assert gone(second)


def test_kill_and_a_kernel_that_dies_on_its_own(warm):
    with kernel() as (manager, _):
        pid = manager.provisioner.pid
        manager.shutdown_kernel(now=True)  # no shutdown request: SIGKILL
        assert not manager.is_alive()
        assert gone(pid)
    with kernel() as (manager, _):
        pid = manager.provisioner.pid
        os.kill(pid, signal.SIGKILL)
        assert gone(pid)  # reaped by the warm process: no zombie
        assert not manager.is_alive()
    # Their CPU time counts in the warm process's children's, as a stock kernel's in the worker's.
    spent = psutil.Process(warm.warm.process.pid).cpu_times()
    assert spent.children_user + spent.children_system > 0


def test_a_worker_with_many_files_open_still_manages_its_kernels(warm):
    """A worker serving a class holds over a thousand descriptors (each kernel's sockets, each
    page's websocket): a kernel's pidfd then lies past select()'s limit of 1024."""
    null = os.open(os.devnull, os.O_RDONLY)
    held = [os.dup(null) for _ in range(1100)]
    try:
        with kernel() as (manager, client):
            assert manager.provisioner.process.fd > 1024
            assert manager.is_alive()
            assert run(client, "print('up')") == "up"
            pid = manager.provisioner.pid
            manager.shutdown_kernel()
            assert not manager.is_alive() and gone(pid)
    finally:
        for fd in [null, *held]:
            os.close(fd)


def test_two_kernels_from_one_warm_process_share_no_state(warm):
    with kernel() as (_, one), kernel() as (_, two):
        run(one, "import moves.loader; moves.loader.SET_BY_ONE = 1")
        assert run(two, "import moves.loader; print(hasattr(moves.loader, 'SET_BY_ONE'))") == (
            "False"
        )
        for draw in ("import random; print(random.random())", "import uuid; print(uuid.uuid4())"):
            assert run(one, draw) != run(two, draw)


def test_no_connection_key_or_secret_reaches_the_warm_process(warm, tmp_path):
    token = f"secret-{uuid.uuid4().hex}"
    with kernel({"JUPYTER_TOKEN": token}) as (first, client), kernel() as (second, _):
        keys = [m.session.key for m in (first, second)]
        kernel_pid = first.provisioner.pid
        assert first.provisioner.forked and second.provisioner.forked
        # The search finds them where they are: in the kernel.
        assert run(client, "import os; print(os.environ['JUPYTER_TOKEN'])") == token
        assert memory_holds(kernel_pid, keys[0]) and memory_holds(kernel_pid, token.encode())
        warm_pid = warm.warm.process.pid
        for key in keys:
            assert not memory_holds(warm_pid, key)
        assert not memory_holds(warm_pid, token.encode())
    assert "JUPYTER_TOKEN" not in warm_environment({"JUPYTER_TOKEN": token, "PATH": "/bin"})


def test_a_change_to_the_course_replaces_the_warm_process(own_warm, tmp_path):
    content = tmp_path / "move.yaml"
    content.write_text("one")
    own_warm.paths = [content]  # what the warm process is made from, for this test
    own_warm.start().join()
    old = own_warm.warm.process
    with kernel() as (stale_manager, _):
        stale = stale_manager.provisioner.pid
        assert psutil.Process(stale).ppid() == old.pid
        content.write_text("two, longer")
        with kernel() as (manager, _):
            assert manager.provisioner.forked
            new = own_warm.warm.process
            assert new.pid != old.pid
            assert psutil.Process(manager.provisioner.pid).ppid() == new.pid
        # The old one forks no more; it stays its running kernel's parent until that exits.
        assert old.poll() is None
    assert gone(stale)
    old.wait(timeout=30)

    # Between pages, the app's periodic check replaces it without waiting for a page.
    content.write_text("three, longer still")
    replaced = own_warm.warm.process
    own_warm.check()
    deadline = time.monotonic() + 60
    while own_warm.warm is None or own_warm.warm.process is replaced:
        assert time.monotonic() < deadline, "the warm process was not replaced"
        time.sleep(0.05)


def test_a_killed_warm_process_costs_no_kernel(own_warm, caplog):
    own_warm.start().join()
    killed = own_warm.warm.process
    killed.kill()
    killed.wait()
    with caplog.at_level(logging.WARNING, logger=LOG), kernel() as (manager, client):
        assert not manager.provisioner.forked  # started the usual way
        assert run(client, "print(6 * 7)") == "42"
    lines = [r.getMessage() for r in caplog.records if r.name == LOG]
    assert len(lines) == 1 and "\n" not in lines[0], lines
    # A new warm process was started, and the next kernel is forked from it.
    assert own_warm.warm is not None and own_warm.warm.process.pid != killed.pid
    with kernel() as (manager, _):
        assert manager.provisioner.forked


def test_a_warm_process_that_cannot_load_the_course_says_so_in_one_line(
    own_warm, tmp_path, caplog, capfd
):
    empty = tmp_path / "no-moves"
    empty.mkdir()
    environ = {**os.environ, "MOTW_LIBRARY": str(empty)}
    with caplog.at_level(logging.WARNING, logger=LOG):
        own_warm.start(environ).join()
    lines = [r.getMessage() for r in caplog.records if r.name == LOG]
    assert len(lines) == 1 and "cannot preload the course" in lines[0], lines
    assert "\n" not in lines[0]
    assert "Traceback" not in capfd.readouterr().err
    with kernel({"MOTW_LIBRARY": str(empty)}) as (manager, client):  # still a kernel
        assert not manager.provisioner.forked
        assert run(client, "print('up')") == "up"


def test_a_thread_started_before_the_fork_is_a_hazard():
    assert "thread 'before-the-fork'" not in fork_hazards()
    stop = queue.Queue()
    thread = __import__("threading").Thread(target=stop.get, name="before-the-fork")
    thread.start()
    try:
        assert "thread 'before-the-fork'" in fork_hazards()
    finally:
        stop.put(None)
        thread.join()


def test_the_warm_process_starts_no_thread_and_opens_no_socket(shared_warm):
    warm = psutil.Process(shared_warm.warm.process.pid)
    assert warm.num_threads() == 1
    assert warm.net_connections(kind="all") == []
    assert warm.environ().keys() <= warm_environment(dict(os.environ)).keys()


def test_the_warm_process_alone_says_it_is_ready():
    """Started by hand with an empty input, it reports ready and exits quietly."""
    done = subprocess.run(
        [sys.executable, "-m", "server.forkserver"],
        input=b"",
        capture_output=True,
        cwd=ROOT,
        env=warm_environment(dict(os.environ)),
        timeout=120,
    )
    assert done.returncode == 0
    assert done.stdout.startswith(b'{"ready": ')
    assert b"Traceback" not in done.stderr


# Through the course app, as `make start` runs it (voila.json: motw-fork), and the same checks
# with jupyter_client's stock provisioner: pages, the auto-restart of a kernel that died, the idle
# cull and the unload beacon's shutdown behave alike. (Voilà routes no interrupt or restart
# request to a page; jupyter_server's kernel manager calls the provisioner for them as
# KernelManager does above.)
CULL_AFTER = 12  # seconds idle (a stock kernel restarts in seconds here); looked at every second
MOVE = "hamstring-kickbacks.ipynb"


@pytest.fixture(scope="module", params=["motw-fork", "local-provisioner"])
def course_app(request, tmp_path_factory) -> Iterator[tuple[str, Path, str]]:
    """The course app on a free port: (its URL, its log, the provisioner it uses)."""
    from live_server import serving

    log = tmp_path_factory.mktemp("app") / "voila.log"
    args = [
        "server.app",
        "notebooks/",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--KernelProvisionerFactory.default_provisioner_name={request.param}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_AFTER}",
        "--MappingKernelManager.cull_interval=1",
        "--VoilaConfiguration.preheat_kernel=False",
    ]
    with serving(args, "/voila/static/voila.js", log) as url:
        yield url, log, request.param


def learner(url: str):
    sys.path.insert(0, str(ROOT / "bench"))
    from crowd import Learner

    return Learner(url, timeout=120)


def kernel_process(log: Path, kernel_id: str) -> psutil.Process:
    """The process of a kernel the app started: the one listening on its shell port."""
    folder = re.search(r"Storing connection files in (\S+?)\.?$", log.read_text(), re.M)
    info = json.loads((Path(folder.group(1)) / f"kernel-{kernel_id}.json").read_text())
    for process in psutil.process_iter():
        with contextlib.suppress(psutil.Error):
            for connection in process.net_connections(kind="tcp"):
                listening = connection.status == psutil.CONN_LISTEN
                if listening and connection.laddr.port == info["shell_port"]:
                    return process
    raise AssertionError(f"no process listens for kernel {kernel_id}")


def forked_from_warm(process: psutil.Process) -> bool:
    return "server.forkserver" in " ".join(process.parent().cmdline())


def wait_for(log: Path, pattern: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not re.search(pattern, log.read_text()):
        assert time.monotonic() < deadline, f"the app never logged {pattern!r}:\n{log.read_text()}"
        time.sleep(0.1)


def test_a_page_opens_and_grades_a_quiz_answer_then_its_kernel_shuts_down(course_app):
    url, log, provisioner = course_app

    async def visit() -> tuple[object, psutil.Process, bool]:
        page = learner(url)
        await page.open(MOVE)
        process = kernel_process(log, page.kernel_id)
        forked = forked_from_warm(process)
        await page.quiz(think=0)
        await page.leave(beacon=True)  # the page's unload beacon: shut the kernel down
        return page, process, forked

    page, process, forked = in_own_loop(visit())
    assert forked == (provisioner == "motw-fork")
    graded = [kind for kind, _, _ in page.timed if kind == "answer"]
    assert graded, "no answer was graded"
    assert not page.left_error
    # Under the course app, widgets send a loader of the app's files (read from the kernel's
    # environment, which a forked kernel gets after its imports).
    assert any("motw/static/" in str(state.get("_esm", "")) for state in page.states.values())
    assert gone(process.pid)


def test_a_kernel_that_dies_is_restarted_and_an_idle_one_culled(course_app):
    url, log, provisioner = course_app

    async def open_page() -> str:
        page = learner(url)
        html = await page.get(f"/voila/render/{MOVE}")
        page.http.close()
        return re.search(r'"kernelId":\s*"([0-9a-f-]+)"', html).group(1)

    kernel_id = in_own_loop(open_page())
    first = kernel_process(log, kernel_id)
    first.kill()
    wait_for(log, "restarting kernel")
    deadline = time.monotonic() + 60
    while True:
        with contextlib.suppress(AssertionError, FileNotFoundError):
            second = kernel_process(log, kernel_id)
            if second.pid != first.pid:
                break
        assert time.monotonic() < deadline, "the kernel was not restarted"
        time.sleep(0.1)
    assert forked_from_warm(second) == (provisioner == "motw-fork")
    assert gone(first.pid)
    # Nobody connects: the idle cull shuts it down, and its process is gone.
    wait_for(log, rf"Culling '\w+' kernel 'python3' \({kernel_id}\)")  # idle, or still starting
    assert gone(second.pid)


def test_an_unknown_provisioner_stops_the_app_with_one_line():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "server.app",
            "notebooks/",
            "--no-browser",
            "--port=0",
            "--KernelProvisionerFactory.default_provisioner_name=motw-frok",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    problem = [line for line in done.stderr.splitlines() if "motw-frok" in line]
    assert len(problem) == 1 and "not an installed kernel provisioner" in problem[0], done.stderr
    assert "motw-fork" in problem[0]  # what it could have been
