"""``workbench serve`` in a real browser: headless Chromium (Debian's, through Playwright)
opens the served page, sees the demo workspace, presses f1 and sees the help.

xterm.js draws the terminal on a canvas, and textual-serve keeps its terminal object to
itself, so the page's DOM has no text to read. The test reads what the server sends the
page instead (the websocket's frames: the app's screen output) and compares screenshots of
what the browser drew.

Skips when Chromium or Playwright is missing, unless ``WORKBENCH_REQUIRE_BROWSER=1`` (CI
sets it): then it fails.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

DEMO_NAME = "BharatMart"  # workbench.store.demo.DEMO_NAME
WAIT = 60.0  # seconds: the longest any step may take before the test fails
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    # the machine has no network: without these Chromium keeps trying to reach it
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
ANSI = re.compile(r"\x1b(?:\[[0-9;?<=>]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def _unavailable(reason: str) -> None:
    if os.environ.get("WORKBENCH_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (WORKBENCH_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


def _chromium() -> str:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    found = shutil.which("chromium")
    if found is None:
        _unavailable("no Chromium: install it with apt-get install chromium")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"workbench serve ended ({server.returncode}): {log.read_text()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.1)
    pytest.fail(f"workbench serve did not answer on port {port} in {WAIT:.0f} s")


def _group_members(group: int) -> list[str]:
    """The processes (``pid command``) still in process group ``group``."""
    found = subprocess.run(["ps", "-eo", "pid=,pgid=,stat=,args="], capture_output=True,
                           text=True, check=True).stdout
    rows = [line.split(None, 3) for line in found.splitlines()]
    return [f"{row[0]} {row[3] if len(row) > 3 else ''}" for row in rows
            if len(row) >= 3 and row[1] == str(group) and not row[2].startswith("Z")]


def _stop(server: subprocess.Popen) -> None:
    """End the server and every app process it started (its whole process group)."""
    group = server.pid
    if server.poll() is None:
        os.killpg(group, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(group, signal.SIGKILL)
            server.wait(timeout=15)
    deadline = time.monotonic() + 15
    while _group_members(group) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = _group_members(group)
    if left:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)
    assert left == [], f"processes left running: {left}"


@pytest.fixture
def served(tmp_path):
    """A demo workspace in its own WORKBENCH_HOME, served on a free port: yields the URL."""
    env = {**os.environ, "WORKBENCH_HOME": str(tmp_path / "home"),
           "WORKBENCH_TODAY": "2026-11-25"}
    env.pop("WORKBENCH_DB", None)
    workbench = [sys.executable, "-m", "workbench.cli"]
    subprocess.run([*workbench, "demo", "--no-open"], env=env, check=True,
                   capture_output=True, timeout=WAIT)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen([*workbench, "serve", "--port", str(port)], env=env,
                                  stdin=subprocess.DEVNULL, stdout=out,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for_port(port, server, log)
        yield f"http://127.0.0.1:{port}/"
    finally:
        _stop(server)
    assert "Traceback" not in log.read_text(errors="replace"), log.read_text()


class Screen:
    """What the server sent the page over its websocket, as text without escape codes."""

    def __init__(self) -> None:
        self.raw = bytearray()

    def watch(self, websocket) -> None:
        websocket.on("framereceived", self.received)

    def received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):  # screen output; text frames are pongs and the like
            self.raw += payload

    def text(self, start: int = 0) -> str:
        return ANSI.sub("", bytes(self.raw[start:]).decode("utf-8", "replace"))


def _wait_until(page, what: str, ready) -> None:
    deadline = time.monotonic() + WAIT
    while not ready():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {WAIT:.0f} s for {what}")
        page.wait_for_timeout(100)


def _settled(page, screen: Screen, quiet: float = 0.7) -> None:
    """Wait until the app has sent nothing for ``quiet`` seconds (its screen is drawn)."""
    deadline = time.monotonic() + WAIT
    size, since = len(screen.raw), time.monotonic()
    while time.monotonic() - since < quiet:
        if time.monotonic() > deadline:
            pytest.fail(f"the app kept drawing for {WAIT:.0f} s")
        page.wait_for_timeout(100)
        if len(screen.raw) != size:
            size, since = len(screen.raw), time.monotonic()


@pytest.mark.slow
def test_the_served_app_runs_in_a_browser(served, tmp_path):
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("no Playwright: pip install -e '.[dev]'")

    screen = Screen()
    requests: list[str] = []
    outside: list[str] = []

    def keep_local(route) -> None:
        # Nothing may leave the machine; a request that tries is recorded and refused.
        url = route.request.url
        if urlsplit(url).hostname in LOOPBACK:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS,
                                             timeout=WAIT * 1000)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.set_default_timeout(WAIT * 1000)
            page.route("**/*", keep_local)
            page.on("request", lambda request: requests.append(request.url))
            page.on("websocket", screen.watch)
            page.goto(served)

            # The app's first screen: the demo workspace, drawn on the page.
            _wait_until(page, f"{DEMO_NAME!r} on the screen", lambda: DEMO_NAME in screen.text())
            page.wait_for_selector("body.-first-byte")
            _settled(page, screen)
            before = page.screenshot(path=tmp_path / "workspace.png")

            # A key typed in the page reaches the app: f1 opens the help.
            page.focus(".xterm-helper-textarea")
            mark = len(screen.raw)
            page.keyboard.press("F1")
            _wait_until(page, "the help after f1", lambda: "Keys" in screen.text(mark))
            _settled(page, screen)
            after = page.screenshot(path=tmp_path / "help.png")
        finally:
            browser.close()

    assert before != after, "the page looked the same after f1"
    assert outside == [], f"requests that would leave the machine: {outside}"
    assert any(url.endswith("/static/js/textual.js") for url in requests), requests
    assert (tmp_path / "help.png").stat().st_size > 0
