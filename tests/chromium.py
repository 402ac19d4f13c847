"""Headless Chromium driven over the DevTools protocol, for the browser tests, the viz benchmark
and the README screenshot.

Debian's `chromium` is started with `--remote-debugging-pipe`: protocol messages go over file
descriptors 3 and 4 as NUL-terminated JSON (as Playwright and Puppeteer do), so no port is
opened, no websocket library is needed and nothing is downloaded. Every page opened here has the
network cut three ways: a refusing proxy, a host resolver that resolves nothing, and
`Network.setBlockedURLs` for every http(s)/ws(s) URL; every request the page tries is recorded.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--mute-audio",
    "--proxy-server=http://127.0.0.1:9",  # nothing listens on the discard port: refused
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-pipe",
)
BLOCKED = ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]


class BrowserError(RuntimeError):
    """Chromium died, timed out or answered a command with an error."""


def find_chromium() -> str | None:
    """Path of the Chromium to use: $KG_CHROMIUM, else `chromium` on PATH."""
    return os.environ.get("KG_CHROMIUM") or shutil.which("chromium")


@dataclass
class Page:
    """One tab, attached in flat mode; `requests` lists every URL it asked for."""

    browser: Chromium
    session: str
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def send(
        self, method: str, params: dict[str, Any] | None = None, *, timeout: float = 30
    ) -> dict[str, Any]:
        return self.browser.send(method, params, session=self.session, timeout=timeout)

    def goto(self, url: str, *, timeout: float = 30) -> None:
        """Navigate and wait for the load event."""
        self.browser.drop_events("Page.loadEventFired", self.session)
        self.send("Page.navigate", {"url": url})
        self.browser.wait_event("Page.loadEventFired", self.session, timeout=timeout)

    def evaluate(self, expression: str, *, timeout: float = 30) -> Any:
        """Value of a JavaScript expression (promises are awaited)."""
        reply = self.send(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            timeout=timeout,
        )
        if "exceptionDetails" in reply:
            raise BrowserError(
                f"{expression[:60]!r}: "
                f"{reply['exceptionDetails'].get('exception', {}).get('description')}"
            )
        return reply["result"].get("value")

    def wait_for(self, expression: str, *, timeout: float = 30) -> Any:
        """Poll until `expression` is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out waiting for {expression!r}")
            self.browser.pump(0.02)

    def mouse(
        self, kind: str, x: float, y: float, *, button: str = "none", clicks: int = 0
    ) -> None:
        self.send(
            "Input.dispatchMouseEvent",
            {"type": kind, "x": x, "y": y, "button": button, "clickCount": clicks},
        )

    def click(self, x: float, y: float) -> None:
        self.mouse("mouseMoved", x, y)
        self.mouse("mousePressed", x, y, button="left", clicks=1)
        self.mouse("mouseReleased", x, y, button="left", clicks=1)

    def screenshot(self, path: Path) -> None:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))

    def collect(self) -> None:
        """Move the events received so far into requests, dialogs and errors."""
        for event in self.browser.take_events(self.session):
            method, params = event["method"], event.get("params", {})
            if method == "Network.requestWillBeSent":
                self.requests.append(params["request"]["url"])
            elif method == "Network.webSocketCreated":
                self.requests.append(params["url"])
            elif method == "Page.javascriptDialogOpening":
                self.dialogs.append(params.get("message", ""))
            elif method == "Runtime.exceptionThrown":
                self.errors.append(json.dumps(params.get("exceptionDetails", {}))[:500])


class Chromium:
    """A headless Chromium process and its DevTools pipe."""

    def __init__(
        self, executable: str, *, width: int = 1200, height: int = 800
    ) -> None:
        self.profile = tempfile.TemporaryDirectory(prefix="kg-chromium-")
        self.width, self.height = width, height
        to_child_r, self._out = os.pipe()
        self._in, from_child_w = os.pipe()

        def wire() -> None:  # runs in the child: the pipe ends become fds 3 and 4
            os.dup2(to_child_r, 1000)
            os.dup2(from_child_w, 1001)
            os.dup2(1000, 3)
            os.dup2(1001, 4)
            os.close(1000)
            os.close(1001)

        self.process = subprocess.Popen(
            [
                executable,
                *FLAGS,
                f"--user-data-dir={self.profile.name}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            preexec_fn=wire,
            close_fds=False,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._next_id = 0
        self._buffer = b""
        self._replies: dict[int, dict[str, Any]] = {}
        self._events: list[dict[str, Any]] = []
        self._ignore: set[int] = set()

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(BrowserError, OSError):
                self.send("Browser.close", timeout=5)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for fd in (self._in, self._out):
            with contextlib.suppress(OSError):
                os.close(fd)
        self.profile.cleanup()

    # ---------------------------------------------------------------- protocol
    def pump(self, timeout: float) -> None:
        """Read whatever arrives within `timeout` seconds."""
        ready, _, _ = select.select([self._in], [], [], max(timeout, 0))
        if not ready:
            return
        chunk = os.read(self._in, 1 << 20)
        if not chunk:
            raise BrowserError("chromium closed the DevTools pipe")
        self._buffer += chunk
        *messages, self._buffer = self._buffer.split(b"\0")
        for raw in messages:
            message = json.loads(raw)
            if "id" in message:
                if message["id"] not in self._ignore:
                    self._replies[message["id"]] = message
                continue
            self._events.append(message)
            if message["method"] == "Page.javascriptDialogOpening":
                # a dialog blocks the page's scripts (and our evaluate calls): accept it at once
                self._next_id += 1
                self._ignore.add(self._next_id)
                reply = {
                    "id": self._next_id,
                    "method": "Page.handleJavaScriptDialog",
                    "params": {"accept": True},
                    "sessionId": message.get("sessionId"),
                }
                os.write(self._out, json.dumps(reply).encode() + b"\0")

    def send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session: str | None = None,
        timeout: float = 30,
    ) -> dict[str, Any]:
        """Send one command and wait for its reply."""
        self._next_id += 1
        message: dict[str, Any] = {
            "id": self._next_id,
            "method": method,
            "params": params or {},
        }
        if session:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while self._next_id not in self._replies:
            if time.monotonic() > deadline:
                raise BrowserError(f"{method}: no reply in {timeout} s")
            self.pump(deadline - time.monotonic())
        reply = self._replies.pop(self._next_id)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def wait_event(
        self, method: str, session: str | None, *, timeout: float
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for event in self._events:
                if event["method"] == method and event.get("sessionId") == session:
                    self._events.remove(event)
                    return event
            if time.monotonic() > deadline:
                raise BrowserError(f"no {method} in {timeout} s")
            self.pump(deadline - time.monotonic())

    def drop_events(self, method: str, session: str | None) -> None:
        self._events = [
            e
            for e in self._events
            if not (e["method"] == method and e.get("sessionId") == session)
        ]

    def take_events(self, session: str | None) -> list[dict[str, Any]]:
        self.pump(0)
        mine = [e for e in self._events if e.get("sessionId") == session]
        self._events = [e for e in self._events if e.get("sessionId") != session]
        return mine

    # ---------------------------------------------------------------- pages
    def new_page(self) -> Page:
        """A fresh tab with the network blocked and every request recorded."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send(
            "Target.attachToTarget", {"targetId": target, "flatten": True}
        )["sessionId"]
        page = Page(self, session)
        for domain in ("Page", "Runtime", "Network"):
            page.send(f"{domain}.enable")
        page.send("Network.setBlockedURLs", {"urls": BLOCKED})
        page.send("Network.setCacheDisabled", {"cacheDisabled": True})
        page.send(
            "Emulation.setDeviceMetricsOverride",
            {
                "width": self.width,
                "height": self.height,
                "deviceScaleFactor": 1,
                "mobile": False,
            },
        )
        return page
