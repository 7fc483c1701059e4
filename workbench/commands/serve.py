"""``workbench serve``: the app in a web browser, through textual-serve.

textual-serve runs a small web server; every browser tab that opens the page gets its own
``workbench`` process, whose screen the page draws with xterm.js.

Decisions:
- Loopback only: the server has no authentication, so it listens on 127.0.0.1, ::1 or
  localhost and refuses any other host. It also refuses requests whose ``Host`` header is
  not a loopback name (DNS rebinding) and websockets opened by a page of another origin (any
  web site the user visits could otherwise drive the app through ``ws://127.0.0.1:PORT``).
- The database is resolved here, as any command resolves it (``--db``, ``WORKBENCH_DB``,
  the last used one), and handed to every app process in ``WORKBENCH_DB``: not on its
  command line, which every user of the machine can read with ``ps`` and which may carry a
  PostgreSQL password. The rest of the environment (``WORKBENCH_HOME``, ``WORKBENCH_TODAY``)
  reaches the app processes as it is: textual-serve copies ``os.environ`` for each one.
- The app process is ``python -m workbench.cli`` with this interpreter: it works from an
  editable install and a normal one, whatever is on ``PATH``.
- Offline: textual-serve serves its script, style sheet and fonts itself, but its page asks
  Google Fonts for Roboto Mono. The page here uses the Roboto Mono files textual-serve ships
  instead, so no request leaves the machine.
- textual-serve (and aiohttp under it) is imported only when the command runs, so
  ``workbench --help`` stays fast.
"""

from __future__ import annotations

import os
import shlex
import sys
from typing import Annotated, Any

import typer

from workbench.commands.common import open_db, options
from workbench.errors import UsageError, WorkbenchError

LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


def loopback_host(host: str) -> str:
    """``host`` as the server binds it (``[::1]`` -> ``::1``), or a UsageError for any host
    that is not this computer's loopback interface."""
    name = host.strip().lower()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    if name not in LOOPBACK_HOSTS:
        raise UsageError(
            f"--host {host!r} is refused: the server has no authentication, so it listens on "
            "this computer only; use 127.0.0.1, ::1 or localhost")
    return name


def check_port(port: int) -> int:
    if not 1 <= port <= 65535:
        raise UsageError(f"--port {port} is not a port; choose one from 1 to 65535")
    return port


def page_url(host: str, port: int) -> str:
    """Where the browser opens the app (an IPv6 address goes in brackets)."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def child_command(respond: int | None = None, as_name: str | None = None,
                  anonymous: bool = False, *, python: str | None = None) -> str:
    """The shell command textual-serve runs for each browser tab: the TUI, or the
    respondent mode of run ``respond`` (as ``as_name``, or anonymous). The database is not
    on it: it goes in ``WORKBENCH_DB`` (see the module's decisions)."""
    args = [python or sys.executable, "-m", "workbench.cli"]
    if respond is not None:
        args += ["respond", str(respond)]
        args += ["--anonymous"] if anonymous else ["--as", as_name or ""]
    return shlex.join(args)


def child_environment(db_url: str) -> dict[str, str]:
    """What ``serve`` adds to its own environment before serving, for every app process."""
    return {"WORKBENCH_DB": db_url}


def check_respondent(respond: int | None, as_name: str | None, anonymous: bool) -> str | None:
    """``--respond`` takes exactly one of ``--as`` and ``--anonymous``, and they need it.
    Returns the name to answer as (None: anonymously), checked as ``workbench respond``
    checks it, so a bad name fails here and not in every browser tab."""
    if respond is None:
        if as_name is not None or anonymous:
            raise UsageError("--as and --anonymous go with --respond RUN_ID")
        return None
    if respond < 1:
        raise UsageError(f"--respond {respond} is not a run id; see: workbench assess list")
    from workbench.commands.respond import respondent_name

    return respondent_name(as_name, anonymous)


def serve(
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on.")] = 8000,
    host: Annotated[
        str, typer.Option("--host", help="Loopback address to listen on: 127.0.0.1, ::1 or "
                                         "localhost (nothing else: there is no login).")
    ] = "127.0.0.1",
    respond: Annotated[
        int | None,
        typer.Option("--respond", metavar="RUN_ID",
                     help="Serve the respondent mode of this assessment run instead of the "
                          "whole app (needs --as NAME or --anonymous)."),
    ] = None,
    as_name: Annotated[
        str | None,
        typer.Option("--as", metavar="NAME", help="With --respond: answer as this respondent."),
    ] = None,
    anonymous: Annotated[
        bool, typer.Option("--anonymous", help="With --respond: answer anonymously.")
    ] = False,
) -> None:
    """Open the app in a web browser: serve it on this computer (127.0.0.1) until ctrl+c.

    Each browser tab runs its own app on the same database as the other commands. Zoom the
    page (ctrl/cmd and +) to make it readable on a projector.
    """
    host = loopback_host(host)
    check_port(port)
    name = check_respondent(respond, as_name, anonymous)
    if respond is not None:
        _check_run(respond, name)
    from workbench.paths import resolve_db_url

    command = child_command(respond, name, anonymous)
    os.environ.update(child_environment(resolve_db_url(options["db"])))
    title = "SRE Workbench" if respond is None else f"SRE Workbench: run {respond}"
    server = _server(command, host, port, title)
    try:
        server.serve()
    except OSError as exc:
        raise WorkbenchError(_listen_problem(exc, host, port)) from None


def _check_run(run_id: int, name: str | None) -> None:
    """Refuse a run nobody could answer here (unknown, agreed) before serving it: otherwise
    the server starts and every browser tab opens on the same error."""
    from workbench.store import assessment_repo as ar
    from workbench.store.db import reading

    db = open_db(remember=False)
    try:
        with reading(db.engine) as session:
            ar.check_joinable(session, run_id, name)
    finally:
        db.engine.dispose()


def _listen_problem(exc: OSError, host: str, port: int) -> str:
    import errno

    where = f"{host} port {port}"
    if exc.errno == errno.EADDRINUSE:
        return f"{where} is already in use; stop what uses it or choose another with --port"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"not allowed to listen on {where}; choose a port above 1023 with --port"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"{host} is not an address of this computer; try --host 127.0.0.1"
    return f"cannot listen on {where}: {exc.strerror or exc}"


def _server(command: str, host: str, port: int, title: str) -> Any:
    """A textual-serve ``Server`` for ``command``: loopback only, offline, quiet."""
    import asyncio
    import importlib
    import re
    import signal
    import socket

    import jinja2
    from aiohttp import web
    from yarl import URL

    # Imported by name: the architecture rule "only workbench.tui imports Textual" matches
    # module names by prefix, and textual_serve does not import Textual (its app processes
    # do, and they are the TUI).
    textual_serve = importlib.import_module("textual_serve.server")

    url = page_url(host, port)
    fonts = re.compile(r"<link\b[^>]*fonts\.googleapis\.com[^>]*>", re.DOTALL)

    class OfflinePage(jinja2.FileSystemLoader):
        """textual-serve's page, with its Google Fonts link replaced by the Roboto Mono
        files it ships; the terminal starts once the font is loaded (xterm.js measures its
        cells when it opens)."""

        def get_source(self, environment: jinja2.Environment, template: str):
            source, filename, uptodate = super().get_source(environment, template)
            return fonts.sub(_LOCAL_FONTS, source), filename, uptodate

    def loopback_name(name: str | None) -> bool:
        return (name or "").strip("[]").lower() in LOOPBACK_HOSTS

    @web.middleware
    async def loopback_only(request: web.Request, handler):
        try:
            host_ok = loopback_name(request.url.host)
        except ValueError:
            host_ok = False
        origin = request.headers.get("Origin")
        if origin is not None:
            try:
                parsed = URL(origin)
                origin_ok = (parsed.scheme == "http" and loopback_name(parsed.host)
                             and parsed.port == port)
            except ValueError:
                origin_ok = False
        else:
            origin_ok = True  # not a browser page's request (a browser sends it for /ws)
        if not (host_ok and origin_ok):
            raise web.HTTPForbidden(text=f"Open the workbench at {url}\n")
        return await handler(request)

    class Server(textual_serve.Server):
        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(loopback_only)
            import aiohttp_jinja2

            aiohttp_jinja2.get_env(app).loader = OfflinePage(self.templates_path)
            return app

        async def on_startup(self, app: web.Application) -> None:
            print(f"Serving {self.title} at {url} - open it in a browser; ctrl+c stops it.",
                  flush=True)

        def serve(self, debug: bool = False) -> None:
            # Bound here, before the app starts, so a port in use is one error, not a
            # traceback after the banner.
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            address = "127.0.0.1" if host == "localhost" else host
            sock = socket.create_server((address, port), family=family)
            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, self.request_exit)
            try:
                web.run_app(self._make_app(), sock=sock, handle_signals=False, loop=loop,
                            print=None, access_log=None, shutdown_timeout=1)
            finally:
                sock.close()

    return Server(command, host=host, port=port, title=title, public_url=url)


_LOCAL_FONTS = """<style>
      @font-face {
        font-family: "Roboto Mono";
        font-style: normal;
        font-weight: 100 700;
        src: url("/static/fonts/RobotoMono-VariableFont_wght.ttf")
          format("truetype");
      }
      @font-face {
        font-family: "Roboto Mono";
        font-style: italic;
        font-weight: 100 700;
        src: url("/static/fonts/RobotoMono-Italic-VariableFont_wght.ttf")
          format("truetype");
      }
    </style>
    <script>
      // textual.js opens the terminal on load; wait (2 s at most) for the font first.
      addEventListener("DOMContentLoaded", () => {
        const start = window.onload;
        if (!start || !document.fonts) return;
        window.onload = (event) => {
          const loaded = Promise.all([
            document.fonts.load('16px "Roboto Mono"'),
            document.fonts.load('bold 16px "Roboto Mono"'),
          ]);
          const late = new Promise((resolve) => setTimeout(resolve, 2000));
          Promise.race([loaded, late]).catch(() => {}).then(() => start(event));
        };
      });
    </script>"""
