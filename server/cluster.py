"""The production way to serve: N course workers behind HAProxy (Debian's package).

    python -m server.cluster [--workers N] [--port 8866] [notebooks/]     # what `make serve` runs

Each worker is the course app (`python -m server.app`) on a port of its own, on loopback.
HAProxy listens on the public port, sends each new visitor to the worker with the fewest
connections, and keeps a visitor on that worker with a cookie: a page's kernel websocket must
reach the worker that holds its kernel. It compresses responses and health-checks the
workers; a worker that dies is marked down within seconds (new visitors go to the others), and
this command starts it again. Workers keep no learner state (progress lives in the browser), so
any worker can serve any new page. The proxy configuration comes from `haproxy_config`, the
same function that writes the multi-host example in deploy/.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HEALTH_PATH = "/voila/static/voila.js"  # a file every worker serves; cheap, and no kernel
INSTALL_HINT = (
    "HAProxy is not installed; install it with `sudo apt-get install haproxy` "
    "(Debian/Ubuntu), then run this command again. Nothing was started."
)
# Kept on loopback: the workers are reached through the proxy only.
WORKER_HOST = "127.0.0.1"


@dataclass(frozen=True)
class Backend:
    """One course worker as the proxy sees it."""

    name: str
    host: str
    port: int


# Every worker's checks: every 2 s, down after 3 failures or the first refused connection seen
# in the traffic, up after 1 success; a host that does not resolve starts as down.
DEFAULT_SERVER = (
    "inter 2s fall 3 rise 1 observe layer4 error-limit 1 on-error mark-down init-addr libc,none"
)


def haproxy_config(backends: list[Backend], bind: str) -> str:
    """The HAProxy configuration for these workers, listening on `bind` ("host:port")."""
    servers = "\n".join(
        f"    server {b.name} {b.host}:{b.port} check cookie {b.name}" for b in backends
    )
    return f"""\
# Move of the Week: course workers behind HAProxy (written by server.cluster.haproxy_config).
global
    maxconn 4096

defaults
    mode http
    timeout connect 5s
    timeout client 120s
    # A page waits its turn to open (Voila sends a newline every keep-alive interval meanwhile).
    timeout server 300s
    # A kernel websocket stays open while the learner has the page.
    timeout tunnel 2h
    option forwardfor

frontend course
    bind {bind}
    compression algo gzip
    compression type text/html text/css text/javascript application/javascript application/json
    default_backend workers

backend workers
    balance leastconn
    # Sticky sessions: the page, its scripts and its kernel websocket reach one worker.
    cookie motw_worker insert indirect nocache httponly
    # A visitor whose worker is down is sent to another one.
    option redispatch
    retries 2
    option httpchk GET {HEALTH_PATH}
    http-check expect status 200
    # A worker busy opening pages may answer its check late: that is not down (taking it out
    # would strand its learners' kernels). A dead one refuses connections, which the traffic
    # itself shows at once (observe layer4), as do three failed checks.
    timeout check 10s
    # Down after 3 failed checks or 1 refused connection, up after 1 good check; a host that
    # does not resolve yet starts as down instead of stopping the proxy.
    default-server {DEFAULT_SERVER}
{servers}
"""


def parse_workers(raw: str) -> int:
    """--workers: a whole number of workers, at least 1."""
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of workers, got {raw!r}"
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1 worker, got {value}")
    return value


def parse_port(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {raw!r}") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 1 to 65535, got {value}")
    return value


def parse_backends(raw: str) -> list[Backend]:
    """--print-config: workers on other hosts, "host:port,host:port"."""
    backends = []
    for i, item in enumerate(part.strip() for part in raw.split(",")):
        host, sep, port = item.rpartition(":")
        if not sep or not host:
            raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {item!r}")
        backends.append(Backend(f"w{i + 1}", host, parse_port(port)))
    return backends


class Worker:
    """One course app process, started again when it dies."""

    def __init__(
        self, backend: Backend, notebooks: Path, log_dir: Path, options: list[str]
    ) -> None:
        self.backend = backend
        self.options = options
        self.notebooks = notebooks
        self.log = log_dir / f"{backend.name}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        args = [
            sys.executable,
            "-m",
            "server.app",
            str(self.notebooks),
            f"--port={self.backend.port}",
            "--no-browser",
            f"--Voila.ip={WORKER_HOST}",
            *self.options,
        ]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
        self.starts += 1

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()


def consecutive_free_ports(count: int, host: str = WORKER_HOST) -> int:
    """A port p such that p .. p+count-1 are free on `host` now (for tests and benches)."""
    for _ in range(100):
        with socket.socket() as probe:
            probe.bind((host, 0))
            first = probe.getsockname()[1]
        if first + count > 65535:
            continue
        try:
            for port in range(first, first + count):
                with socket.socket() as sock:
                    sock.bind((host, port))
        except OSError:
            continue
        return first
    raise RuntimeError(f"no {count} consecutive free ports on {host}")


def find_haproxy(search_path: str | None = None) -> str | None:
    """Debian's haproxy: on the PATH, or in /usr/sbin (not on a normal user's PATH)."""
    path = search_path if search_path is not None else f"{os.environ.get('PATH', '')}:/usr/sbin"
    return shutil.which("haproxy", path=path)


def wait_until_serving(backend: Backend, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            url = f"http://{backend.host}:{backend.port}{HEALTH_PATH}"
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def run(
    workers: int,
    port: int,
    bind_host: str,
    first_port: int,
    notebooks: Path,
    options: list[str] = (),  # type: ignore[assignment]
) -> int:
    """Start the workers and the proxy, restart a worker that dies, stop all on SIGTERM."""
    haproxy = find_haproxy()
    if haproxy is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 1
    if not notebooks.is_dir():
        print(f"{notebooks}: no such folder of notebooks. Nothing was started.", file=sys.stderr)
        return 1
    run_dir = Path(tempfile.mkdtemp(prefix="motw-cluster-"))
    backends = [Backend(f"w{i + 1}", WORKER_HOST, first_port + i) for i in range(workers)]
    config = run_dir / "haproxy.cfg"
    config.write_text(haproxy_config(backends, f"{bind_host}:{port}"), encoding="utf-8")
    checked = subprocess.run([haproxy, "-c", "-q", "-f", str(config)], capture_output=True)
    if checked.returncode != 0:
        print(checked.stderr.decode(errors="replace"), file=sys.stderr)
        return 1
    pool = [Worker(b, notebooks, run_dir, list(options)) for b in backends]
    proxy: subprocess.Popen[bytes] | None = None
    stopping = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        for worker in pool:
            worker.start()
        with (run_dir / "haproxy.log").open("ab") as out:
            proxy = subprocess.Popen([haproxy, "-db", "-f", str(config)], stdout=out, stderr=out)
        ready = [b.name for b in backends if wait_until_serving(b, 120)]
        print(
            f"Move of the Week: {len(ready)} of {workers} workers up behind HAProxy on "
            f"http://{bind_host}:{port}/ (logs in {run_dir})",
            flush=True,
        )
        while not stopping:
            if proxy.poll() is not None:
                print(
                    f"HAProxy stopped (exit {proxy.returncode}); see {run_dir}/haproxy.log",
                    file=sys.stderr,
                )
                return 1
            for worker in pool:
                if not worker.alive() and not stopping:
                    code = worker.process.returncode if worker.process else None
                    print(
                        f"worker {worker.backend.name} died (exit {code}); starting it again",
                        flush=True,
                    )
                    worker.start()
            time.sleep(0.5)
        return 0
    finally:
        for worker in pool:
            worker.stop()
        if proxy is not None and proxy.poll() is None:
            proxy.terminate()
            proxy.wait(10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m server.cluster",
        description="Serve the course with N workers behind HAProxy (sticky sessions). "
        "Voila options (--Name.trait=value) are passed on to every worker.",
    )
    parser.add_argument("notebooks", nargs="?", default="notebooks", type=Path)
    parser.add_argument(
        "--workers",
        type=parse_workers,
        default=os.cpu_count() or 1,
        help="how many course workers (default: one per core)",
    )
    parser.add_argument("--port", type=parse_port, default=8866, help="the public port")
    parser.add_argument("--host", default="127.0.0.1", help="the address the proxy listens on")
    parser.add_argument(
        "--worker-port",
        type=parse_port,
        default=8870,
        help="the first worker's port on loopback; the others follow",
    )
    parser.add_argument(
        "--print-config",
        metavar="HOST:PORT,...",
        type=parse_backends,
        help="print the proxy configuration for workers on these hosts and exit (see deploy/)",
    )
    args, options = parser.parse_known_args(argv)
    unknown = [o for o in options if not (o.startswith("--") and "." in o.split("=", 1)[0])]
    if unknown:
        parser.error(f"unrecognised arguments: {' '.join(unknown)}")
    if args.print_config:
        print(haproxy_config(args.print_config, f"{args.host}:{args.port}"), end="")
        return 0
    return run(
        args.workers, args.port, args.host, args.worker_port, args.notebooks.resolve(), options
    )


if __name__ == "__main__":
    raise SystemExit(main())
