"""``workbench serve``: its checks (loopback host, port, respondent options), the command
and environment every browser tab's app gets, a port in use, and the Host/Origin guard.

No test serves the app: ``_server`` is replaced by a recorder, the one test that binds
(a port in use) finds the port taken, and ``aiohttp.web.run_app`` fails the test if it is
ever reached. The Host/Origin guard is tried through aiohttp's test client on the app
``_server`` builds, whose tabs would run ``true``, not the workbench.
"""

from __future__ import annotations

import asyncio
import shlex
import socket
import sys

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from workbench.commands import serve as serve_module
from workbench.commands.serve import check_port, child_command, child_environment, loopback_host
from workbench.errors import UsageError

APP = [sys.executable, "-m", "workbench.cli"]


@pytest.fixture(autouse=True)
def no_server(monkeypatch):
    """``serve`` writes WORKBENCH_DB into this process's environment: undone after each
    test. Nothing may start aiohttp's server."""
    monkeypatch.setenv("WORKBENCH_DB", "sqlite:///before-serve.db")

    def refuse(*args, **kwargs):
        raise AssertionError("a test started the web server")

    monkeypatch.setattr(web, "run_app", refuse)


class Recorder:
    def __init__(self) -> None:
        self.made: list[tuple] = []
        self.served = 0

    def __call__(self, command, host, port, title):
        self.made.append((command, host, port, title))
        return self

    def serve(self) -> None:
        self.served += 1


@pytest.fixture
def recorder(monkeypatch) -> Recorder:
    fake = Recorder()
    monkeypatch.setattr(serve_module, "_server", fake)
    return fake


# --- the host and the port ---------------------------------------------------------------


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "example.com", "::", "10.0.0.1",
                                  "127.0.0.2", "localhost.example.com"])
def test_serve_refuses_a_host_other_than_loopback(cli, one_line_error, recorder, host):
    line = one_line_error(cli("serve", "--host", host), 2)
    assert line.startswith(f"error: --host {host!r} is refused")
    assert "use 127.0.0.1, ::1 or localhost" in line
    assert recorder.made == []


@pytest.mark.parametrize(("host", "bound"), [
    ("127.0.0.1", "127.0.0.1"), ("localhost", "localhost"), ("LocalHost", "localhost"),
    ("::1", "::1"), ("[::1]", "::1"), (" 127.0.0.1 ", "127.0.0.1"),
])
def test_loopback_hosts_are_accepted(host, bound):
    assert loopback_host(host) == bound


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "example.com", "[::]", ""])
def test_loopback_host_refuses_the_rest(host):
    with pytest.raises(UsageError, match="listens on this computer only"):
        loopback_host(host)


@pytest.mark.parametrize("port", ["0", "70000", "-1", "65536"])
def test_serve_refuses_a_port_out_of_range(cli, one_line_error, recorder, port):
    line = one_line_error(cli("serve", "--port", port), 2)
    assert line == f"error: --port {port} is not a port; choose one from 1 to 65535"
    assert recorder.made == []


def test_serve_refuses_a_port_that_is_not_a_number(cli, recorder):
    result = cli("serve", "--port", "abc")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "'--port'" in result.stderr.splitlines()[-1]
    assert recorder.made == []


def test_check_port_bounds():
    assert (check_port(1), check_port(65535)) == (1, 65535)
    with pytest.raises(UsageError):
        check_port(0)


# --- respondent mode -----------------------------------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    (["--as", "Asha"], "error: --as and --anonymous go with --respond RUN_ID"),
    (["--anonymous"], "error: --as and --anonymous go with --respond RUN_ID"),
    (["--respond", "0", "--as", "Asha"],
     "error: --respond 0 is not a run id; see: workbench assess list"),
    (["--respond", "2"], "error: say who answers: --as NAME, or --anonymous"),
    (["--respond", "2", "--as", "Asha", "--anonymous"],
     "error: give --as NAME or --anonymous, not both"),
    (["--respond", "2", "--as", " "], "error: --as needs a name (or answer with --anonymous)"),
    (["--respond", "2", "--as", "x" * 81],
     "error: --as: the name has 81 characters; at most 80"),
    (["--respond", "2", "--as", "A\x1bB"],
     "error: --as: the name has control characters; type it plainly"),
])
def test_serve_checks_the_respondent_options(cli, one_line_error, recorder, args, message):
    assert one_line_error(cli("serve", *args), 2) == message
    assert recorder.made == []


def test_serve_refuses_an_unknown_run_before_serving(cli, one_line_error, recorder):
    line = one_line_error(cli("serve", "--respond", "999", "--as", "Asha"), 1)
    assert "no assessment run 999" in line
    assert recorder.made == []


def test_serve_refuses_an_agreed_run_before_serving(cli, one_line_error, recorder):
    line = one_line_error(cli("serve", "--respond", "1", "--anonymous"), 1)
    assert line == ("error: assessment run 1 is agreed; the coach reopens it as a draft "
                    "before anyone can answer")
    assert recorder.made == []


def test_serve_serves_a_run_someone_can_answer(cli, recorder):
    cli.ok("serve", "--respond", "2", "--as", "Asha")
    assert len(recorder.made) == 1


# --- what each browser tab runs ------------------------------------------------------------


@pytest.mark.parametrize(("args", "tail"), [
    ({}, []),
    ({"respond": 7, "as_name": "Asha Rao"}, ["respond", "7", "--as", "Asha Rao"]),
    ({"respond": 7, "anonymous": True}, ["respond", "7", "--anonymous"]),
    ({"respond": 3, "as_name": "O'Neil $(rm -rf ~); `id`"},
     ["respond", "3", "--as", "O'Neil $(rm -rf ~); `id`"]),
])
def test_child_command_is_this_python_running_the_cli(args, tail):
    assert shlex.split(child_command(**args)) == [*APP, *tail]


def test_child_command_with_another_python():
    assert shlex.split(child_command(python="/opt/py 3/python")) == [
        "/opt/py 3/python", "-m", "workbench.cli"]


def test_child_environment_carries_the_database():
    url = "postgresql+psycopg://coach:s3cret@db.internal/workbench"
    assert child_environment(url) == {"WORKBENCH_DB": url}


def test_serve_hands_the_database_in_the_environment_not_argv(cli, recorder):
    import os

    cli.ok("serve", "--port", "8123", "--host", "localhost")
    [(command, host, port, title)] = recorder.made
    assert shlex.split(command) == APP
    assert (host, port, title) == ("localhost", 8123, "SRE Workbench")
    assert recorder.served == 1
    assert os.environ["WORKBENCH_DB"] == cli.db_url
    assert cli.db_url not in command and "--db" not in command


def test_serve_a_password_never_reaches_the_command_line(recorder, monkeypatch):
    import os

    from typer.testing import CliRunner

    from workbench.cli import app

    url = "postgresql+psycopg://coach:s3cret@db.internal/workbench"
    monkeypatch.setenv("WORKBENCH_DB", url)
    # No such server: the check that run 2 can be answered is the other tests' business.
    monkeypatch.setattr(serve_module, "_check_run", lambda run_id, name: None)
    result = CliRunner().invoke(app, ["serve", "--respond", "2", "--anonymous"])
    assert result.exit_code == 0, result.output
    [(command, _, _, title)] = recorder.made
    assert shlex.split(command) == [*APP, "respond", "2", "--anonymous"]
    assert "s3cret" not in command and "postgresql" not in command
    assert title == "SRE Workbench: run 2"
    assert os.environ["WORKBENCH_DB"] == url


def test_serve_respondent_mode_passes_the_cleaned_name(cli, recorder):
    cli.ok("serve", "--respond", "2", "--as", "  Asha   Rao ", "-p", "9000")
    [(command, host, port, _)] = recorder.made
    assert shlex.split(command) == [*APP, "respond", "2", "--as", "Asha Rao"]
    assert (host, port) == ("127.0.0.1", 9000)


# --- a port in use -------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_serve_on_a_port_in_use_is_one_line(cli, one_line_error, host):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = one_line_error(cli("serve", "--host", host, "--port", str(port)), 1)
    assert line == (f"error: {host} port {port} is already in use; stop what uses it or "
                    "choose another with --port")


# --- the Host and Origin guard ---------------------------------------------------------------


PORT = 8000  # the port the guarded server believes it serves on


def fetch_all(requests: list[tuple[str, dict[str, str]]]) -> list[tuple[int, str]]:
    """(status, body) of each GET ``(path, headers)`` to the app ``_server`` builds."""

    async def go() -> list[tuple[int, str]]:
        server = serve_module._server("true", "127.0.0.1", PORT, "SRE Workbench")
        client = TestClient(TestServer(await server._make_app()))
        await client.start_server()
        try:
            found = []
            for path, headers in requests:
                response = await client.get(path, headers=headers)
                body = await response.read()
                found.append((response.status, body.decode("utf-8", "replace")))
            return found
        finally:
            await client.close()

    return asyncio.run(go())


LOOPBACK = [{"Host": "127.0.0.1:8000"}, {"Host": "localhost:8000"}, {"Host": "[::1]:8000"},
            {"Host": "LOCALHOST:8000"},
            {"Host": "127.0.0.1:8000", "Origin": "http://127.0.0.1:8000"},
            {"Host": "localhost:8000", "Origin": "http://localhost:8000"},
            {"Host": "[::1]:8000", "Origin": "http://[::1]:8000"}]
REFUSED = [{"Host": "evil.example:8000"}, {"Host": "127.0.0.1.evil.example:8000"},
           {"Host": "192.168.1.5:8000"},
           {"Host": "127.0.0.1:8000", "Origin": "http://evil.example"},
           {"Host": "127.0.0.1:8000", "Origin": "http://evil.example:8000"},
           {"Host": "127.0.0.1:8000", "Origin": "http://127.0.0.1:9999"},
           {"Host": "127.0.0.1:8000", "Origin": "https://127.0.0.1:8000"},
           {"Host": "127.0.0.1:8000", "Origin": "null"},
           {"Host": "evil.example:8000", "Origin": "http://127.0.0.1:8000"}]


def test_loopback_requests_get_the_offline_page():
    results = fetch_all([("/", headers) for headers in LOOPBACK])
    for headers, (status, body) in zip(LOOPBACK, results, strict=True):
        assert status == 200, headers
        assert "fonts.googleapis.com" not in body
        assert "/static/fonts/RobotoMono-VariableFont_wght.ttf" in body
    [(status, _)] = fetch_all([("/static/fonts/RobotoMono-VariableFont_wght.ttf",
                                {"Host": "127.0.0.1:8000"})])
    assert status == 200  # the font the page names is served here


@pytest.mark.parametrize("path", ["/", "/ws", "/static/fonts/RobotoMono-VariableFont_wght.ttf"])
def test_other_hosts_and_origins_are_refused(path):
    for headers, (status, body) in zip(REFUSED, fetch_all([(path, h) for h in REFUSED]),
                                       strict=True):
        assert status == 403, headers
        assert body == f"Open the workbench at http://127.0.0.1:{PORT}\n"
