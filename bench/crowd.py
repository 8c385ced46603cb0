"""Learners at the websocket level: each asks the server and its kernel for what a course page
asks for, with no browser in the way, so that 25 of them load the server, not the machine.

A learner opens the move page (the HTML, then the scripts and styles it names), connects to its
kernel's websocket, and loads every widget's state as the page's widget manager does
(`comm_info_request`, then `request_state` for each widget), then the widgets' code and styles
that the states name. Then it walks the move's steps,
sending each step to Python as the page does, and answers every quiz question, pausing between
acts as a person does. Latency is timed from the message sent until the kernel's answer is
back: the grade for an answer, the acknowledgement of the step for a step (the page itself
shows a step at once, without waiting; this is the kernel's side of it).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from jupyter_server.services.kernels.connection.base import (
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

# The kernel websocket protocol a course page speaks (@jupyterlab/services asks for it): the
# server forwards each message's parts as they are and reads no more than its header; with the
# older JSON protocol it would parse and re-encode every message, widget states included.
PROTOCOL = "v1.kernel.websocket.jupyter.org"
# Whose content the learner reads; the rest (status, streams) it only needs the header of.
READ_CONTENT = {"comm_msg", "comm_info_reply"}

ASSETS = re.compile(r'<(?:script[^>]*src|link[^>]*href)="(/[^"]+)"')
KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]+)"')
# The built files a widget's `_esm` and `_css` name under the course app (widgets.files).
WIDGET_FILES = re.compile(r"^motw/static/[\w.-]+\.(?:js|css)$")


@dataclass
class Session:
    """What one learner measured."""

    ready_ms: float = 0.0
    ready_at: float = 0.0  # time.perf_counter() when the page was ready
    arrived_at: float = 0.0  # time.perf_counter() when the learner asked for the page
    worker: str = ""  # behind the proxy: the worker its sticky cookie names
    # (kind, time.perf_counter() when sent, milliseconds until the kernel's reply) of each
    timed: list[tuple[str, float, float]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class Learner:
    """One learner's page, as the messages it exchanges with the server."""

    def __init__(self, base_url: str, timeout: float = 300) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.session_id = uuid.uuid4().hex
        # The double-submit token the page's template sets for Voilà's shutdown beacon.
        self.cookies: dict[str, str] = {"_xsrf": uuid.uuid4().hex}
        self.ws: WebSocketClientConnection | None = None
        self.kernel_id = ""
        self.waiting: list[tuple[Any, asyncio.Future]] = []
        self.reader: asyncio.Task | None = None
        self.states: dict[str, dict] = {}
        self.left_error = ""
        self.timed: list[tuple[str, float, float]] = []
        # Connections of its own, as each learner's browser has: tornado's shared client would
        # let ten requests run at once for everyone and queue the rest (pages waiting for their
        # turn in the server hold theirs open), so learners would wait on the load generator.
        self.http = AsyncHTTPClient(force_instance=True, max_clients=6)

    # HTTP ---------------------------------------------------------------------------------

    async def get(self, path: str) -> str:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        response = await self.http.fetch(
            HTTPRequest(self.base_url + path, headers=headers, request_timeout=self.timeout)
        )
        for cookie in response.headers.get_list("Set-Cookie"):
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.body.decode("utf-8", "replace")

    # Kernel messages ----------------------------------------------------------------------

    def _message(self, msg_type: str, content: dict) -> dict:
        return {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "username": "learner",
                "session": self.session_id,
                "date": dt.datetime.now(dt.UTC).isoformat(),
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": {},
            "content": content,
        }

    async def _read(self) -> None:
        assert self.ws is not None
        while True:
            raw = await self.ws.read_message()
            if raw is None:
                for _, future in self.waiting:
                    if not future.done():
                        future.set_exception(ConnectionError("the kernel's websocket closed"))
                return
            if not isinstance(raw, bytes):
                continue  # every frame of the v1 protocol is binary
            _channel, parts = deserialize_msg_from_ws_v1(raw)
            header = json.loads(parts[0])
            msg = {
                "msg_type": header["msg_type"],
                "parent_header": json.loads(parts[1]),
                "content": json.loads(parts[3]) if header["msg_type"] in READ_CONTENT else {},
            }
            for entry in list(self.waiting):
                match, future = entry
                if not future.done() and match(msg):
                    future.set_result(msg)
                    self.waiting.remove(entry)

    def expect(self, match) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self.waiting.append((match, future))
        return future

    async def send(self, msg: dict, channel: str = "shell") -> None:
        assert self.ws is not None
        frame = serialize_msg_to_ws_v1(msg, channel, pack=lambda part: json.dumps(part).encode())
        await self.ws.write_message(frame, binary=True)

    async def comm(self, comm_id: str, data: dict) -> dict:
        msg = self._message("comm_msg", {"comm_id": comm_id, "data": data})
        await self.send(msg)
        return msg

    # What a page does -----------------------------------------------------------------------

    async def open(self, notebook: str) -> None:
        html = await self.get(f"/voila/render/{notebook}")
        found = KERNEL_ID.search(html)
        if not found:
            raise RuntimeError(f"no kernel id in the page of {notebook}")
        self.kernel_id = found.group(1)
        for asset in dict.fromkeys(ASSETS.findall(html)):
            await self.get(asset)
        url = self.base_url.replace("http", "ws", 1)
        request = HTTPRequest(
            f"{url}/api/kernels/{self.kernel_id}/channels?session_id={self.session_id}",
            headers={"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())},
            request_timeout=self.timeout,
        )
        self.ws = await websocket_connect(
            request, max_message_size=64 * 1024 * 1024, subprotocols=[PROTOCOL]
        )
        if self.ws.selected_subprotocol != PROTOCOL:
            raise RuntimeError(f"the server did not agree to the {PROTOCOL} protocol")
        self.reader = asyncio.create_task(self._read())
        info = self._message("comm_info_request", {"target_name": "jupyter.widget"})
        reply = self.expect(
            lambda m: (
                m["parent_header"].get("msg_id") == info["header"]["msg_id"]
                and m["msg_type"] == "comm_info_reply"
            )
        )
        await self.send(info)
        comms = (await asyncio.wait_for(reply, self.timeout))["content"]["comms"]
        pending = []
        for comm_id in comms:
            state = self.expect(
                lambda m, c=comm_id: (
                    m["msg_type"] == "comm_msg"
                    and m["content"]["comm_id"] == c
                    and m["content"]["data"].get("method") == "update"
                )
            )
            await self.comm(comm_id, {"method": "request_state"})
            pending.append((comm_id, state))
        for comm_id, state in pending:
            self.states[comm_id] = (await asyncio.wait_for(state, self.timeout))["content"]["data"][
                "state"
            ]
        # Then each widget's code and styles, as a browser with nothing cached fetches them.
        files = (str(s.get(key, "")) for s in self.states.values() for key in ("_esm", "_css"))
        for path in dict.fromkeys(name for name in files if WIDGET_FILES.match(name)):
            await self.get("/" + path)

    def widget(self, has: str) -> tuple[str, dict]:
        for comm_id, state in self.states.items():
            if has in state:
                return comm_id, state
        raise RuntimeError(f"no widget with {has!r} on the page")

    async def measure(self, kind: str, comm_id: str, data: dict, reply) -> None:
        """Send `data` to the widget `comm_id`; record how long until a `reply` came back."""
        msg = self._message("comm_msg", {"comm_id": comm_id, "data": data})
        parent = msg["header"]["msg_id"]
        back = self.expect(lambda m: m["parent_header"].get("msg_id") == parent and reply(m))
        start = time.perf_counter()
        await self.send(msg)
        await asyncio.wait_for(back, self.timeout)
        self.timed.append((kind, start, (time.perf_counter() - start) * 1000))

    async def walk(self, steps: int, think: float) -> None:
        """Next through `steps` steps, as the walkthrough tells Python after showing each."""
        comm_id, state = self.widget("figure_svg")
        visited = set(state.get("visited", [0]))
        for index in range(1, min(steps, len(state["steps"]) - 1) + 1):
            await asyncio.sleep(think)
            visited.add(index)
            update = {"index": index, "done": False, "visited": sorted(visited)}
            await self.measure(
                "step",
                comm_id,
                {"method": "update", "state": update, "buffer_paths": []},
                lambda m: (
                    m["msg_type"] == "comm_msg"
                    and m["content"]["data"].get("method") == "echo_update"
                ),
            )

    async def quiz(self, think: float) -> None:
        """Answer every question (the first option, or the order as given), then go on."""
        comm_id, state = self.widget("map_svg")
        questions = {q["id"]: q for q in state["questions"]}
        for position, qid in enumerate(state["order"]):
            question = questions[qid]
            response = list(range(len(question["options"]))) if question["kind"] == "order" else [0]
            await asyncio.sleep(think)
            await self.measure(
                "answer",
                comm_id,
                {
                    "method": "custom",
                    "content": {"event": "answer", "id": qid, "response": response},
                },
                lambda m: (
                    m["msg_type"] == "comm_msg"
                    and m["content"]["data"].get("content", {}).get("event") == "graded"
                ),
            )
            await asyncio.sleep(think)
            await self.comm(
                comm_id,
                {"method": "update", "state": {"position": position + 1}, "buffer_paths": []},
            )

    async def leave(self, beacon: bool = True) -> None:
        """Close the websocket and shut the kernel down, as the page's unload beacon does
        (without `beacon`, as a phone that locks: the kernel waits for the idle cull)."""
        if self.ws is not None:
            self.ws.close()
        if self.reader is not None:
            self.reader.cancel()
        if self.kernel_id and beacon:
            headers = {
                "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                "X-XSRFToken": self.cookies["_xsrf"],
            }
            try:
                await self.http.fetch(
                    HTTPRequest(
                        f"{self.base_url}/voila/api/shutdown/{self.kernel_id}",
                        method="POST",
                        body=b"",
                        headers=headers,
                        request_timeout=30,
                    )
                )
            except Exception as exc:  # reported, never raised
                self.left_error = f"could not shut the kernel down: {exc}"
        self.http.close()


async def learner_session(
    base_url: str,
    notebook: str,
    delay: float,
    think: float,
    steps: int = 5,
    beacon: bool = True,
) -> Session:
    """One learner arriving after `delay` seconds: open, walk, answer, leave."""
    session = Session()
    await asyncio.sleep(delay)
    learner = Learner(base_url)
    began = session.arrived_at = time.perf_counter()
    try:
        await learner.open(notebook)
        session.ready_at = time.perf_counter()
        session.ready_ms = (session.ready_at - began) * 1000
        await learner.walk(steps, think)
        await learner.quiz(think)
    except Exception as exc:  # every failure is a result to report
        session.errors.append(f"{type(exc).__name__}: {exc}"[:200])
    finally:
        session.timed = learner.timed
        session.worker = learner.cookies.get("motw_worker", "")
        await learner.leave(beacon)
        if learner.left_error:
            session.errors.append(learner.left_error)
    return session
