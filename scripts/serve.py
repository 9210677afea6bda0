"""Production serving: nginx in front of gunicorn (what `make serve` runs).

    python scripts/serve.py

gunicorn (scripts/gunicorn.conf.py: 2 workers x 4 threads) listens on a free port of
127.0.0.1 only. nginx (deploy/nginx.conf, its placeholders filled in a new temporary
folder) listens on HANDOUT_BIND (default 127.0.0.1:8000), reads each request whole and
passes it on to gunicorn, so slow clients never hold a gunicorn thread. Waits until both
answer, passes SIGTERM (a graceful stop) and SIGINT (a quick one) on to both, and stops
both when either exits. Both log to standard output: nginx the access log, gunicorn its
own messages.

`Serving` is what `make load` (scripts/load.py) and the tests (tests/conftest.py,
tests/test_serving.py) start too.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf"
ERROR_PAGE = ROOT / "deploy" / "error.html"
# The pages nginx answers with itself (deploy/nginx.conf names them by status), written
# from the one template above: status -> (title, what to do).
ERROR_PAGES = {
    400: ("Bad Request", "The browser sent a request that this server could not understand."),
    404: ("Not Found", "The requested page was not found on this server."),
    408: ("Request Timeout", "The request took too long to arrive. Please try again."),
    413: ("Request Entity Too Large", "The form was larger than this server accepts (32 KB). "
          "Please shorten the notes and try again."),
    414: ("Request-URI Too Long", "The address was longer than this server accepts. "
          "Please start again from the questionnaire."),
    431: ("Request Header Fields Too Large", "The browser sent more or longer headers than "
          "this server accepts. Clearing this site's cookies may help."),
    502: ("Service Unavailable", "The handout generator is not answering right now. "
          "Please try again in a minute."),
}  # fmt: skip
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_binary() -> str:
    """nginx's path (Debian installs it in /usr/sbin, which is on root's PATH only)."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if found is None:
        raise RuntimeError("nginx is missing: install it as root (apt-get install nginx)")
    return found


def write_nginx_config(folder: Path, *, listen: str, upstream: str) -> Path:
    """deploy/nginx.conf with its placeholders filled, and the error pages written from
    deploy/error.html, in ``folder`` (nginx's prefix: its pid file and temporary folders
    go there too).

    Run as root, nginx's workers run as `nobody`: the folder and the pages are made
    readable by everyone (they hold nothing secret), wherever the checkout is."""
    folder.chmod(0o755)
    errors = folder / "errors"
    errors.mkdir(mode=0o755)
    errors.chmod(0o755)  # whatever the umask
    template = ERROR_PAGE.read_text()
    for status, (title, text) in ERROR_PAGES.items():
        page = errors / f"{status}.html"
        page.write_text(template.replace("@TITLE@", title).replace("@TEXT@", text))
        page.chmod(0o644)
    text = NGINX_TEMPLATE.read_text()
    for name, value in {
        "PREFIX": str(folder),
        "LISTEN": listen,
        "UPSTREAM": upstream,
        "ERRORS": str(errors),
    }.items():
        text = text.replace(f"@{name}@", value)
    if left := re.findall(r"@[A-Z_]+@", text):
        raise ValueError(f"deploy/nginx.conf: placeholders serve.py does not fill: {left}")
    config = folder / "nginx.conf"
    config.write_text(text)
    return config


def local_url(bind: str) -> str:
    """The URL to reach an address bound as ``bind`` from this machine."""
    host, _, port = bind.rpartition(":")
    host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "[::]": "[::1]"}.get(host, host)
    return f"http://{host}:{port}"


def http_status(url: str, timeout: float = 5) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (a master's workers)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _signal(process: subprocess.Popen, signum: int) -> None:
    if process.poll() is None:
        process.send_signal(signum)


def _wait(process: subprocess.Popen, timeout: float = 20) -> None:
    """Wait for a process told to stop; kill it if it has not within ``timeout``."""
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Serving:
    """nginx on ``bind`` in front of gunicorn on a free port of 127.0.0.1, or, given
    ``upstream`` (host:port), nginx alone in front of that address.

    With ``capture_log``, the output of both is collected in ``log`` (a list of lines);
    otherwise it is written to this process's standard output."""

    def __init__(
        self, bind: str, *, upstream: str | None = None, capture_log: bool = False
    ) -> None:
        nginx = nginx_binary()
        self.url = local_url(bind)
        self.log: list[str] = []
        self._capture = capture_log
        self._readers: list[threading.Thread] = []
        self._folder = tempfile.TemporaryDirectory(prefix="handout-nginx-")
        folder = Path(self._folder.name)
        self.gunicorn: subprocess.Popen | None = None
        own_gunicorn = upstream is None
        if upstream is None:
            upstream = f"127.0.0.1:{free_port()}"
        self.upstream_url = f"http://{upstream}"
        config = write_nginx_config(folder, listen=bind, upstream=upstream)
        if own_gunicorn:
            self.gunicorn = self._start(
                [
                    str(BIN / "gunicorn"),
                    "--config",
                    "scripts/gunicorn.conf.py",
                    "--bind",
                    upstream,
                ],
                # nginx writes the access log; gunicorn's would repeat each line.
                env={**os.environ, "GUNICORN_ACCESS_LOG": ""},
            )
        self.nginx = self._start(
            [
                nginx,
                "-p",
                str(folder),
                "-c",
                str(config),
                "-e",
                "stderr",
                "-g",
                "daemon off;",
            ]
        )

    def _start(self, command: list[str], env: dict[str, str] | None = None) -> subprocess.Popen:
        # Through a pipe of ours even when not captured: nginx opens /dev/stderr for its
        # access log, which an unprivileged nginx cannot do on another user's terminal.
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        reader = threading.Thread(target=self._read_log, args=(process,), daemon=True)
        reader.start()
        self._readers.append(reader)
        return process

    def _read_log(self, process: subprocess.Popen) -> None:
        with process.stdout:  # closed once the process has stopped writing
            for line in process.stdout:
                if self._capture:
                    self.log.append(line)
                else:
                    sys.stdout.write(line)
                    sys.stdout.flush()

    @property
    def processes(self) -> list[subprocess.Popen]:
        return [process for process in (self.gunicorn, self.nginx) if process is not None]

    def exited(self) -> subprocess.Popen | None:
        """The first process found stopped, or None while both run."""
        return next((process for process in self.processes if process.poll() is not None), None)

    def workers(self) -> list[int]:
        """The worker processes of gunicorn and nginx (their masters excluded)."""
        return [pid for process in self.processes for pid in children(process.pid)]

    def pids(self) -> list[int]:
        """Every process serving: the masters and their workers."""
        return [process.pid for process in self.processes] + self.workers()

    def wait_until_up(self, timeout: float = 30) -> None:
        """Poll until gunicorn answers GET / on its own port with a worker running, and
        nginx answers through the proxy (any status under 500: the app may refuse a
        Host it does not trust); RuntimeError with the log if not within ``timeout``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if stopped := self.exited():
                raise RuntimeError(f"{stopped.args[0]} stopped at start:\n{self.log_text()}")
            try:
                if self._answers():
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"not answering within {timeout:.0f} s:\n{self.log_text()}")

    def _answers(self) -> bool:
        if self.gunicorn is None:
            return http_status(self.url + "/") > 0
        return (
            http_status(self.upstream_url + "/") == 200
            and bool(children(self.gunicorn.pid))
            and http_status(self.url + "/") < 500
        )

    def log_text(self) -> str:
        return "".join(self.log[-100:]) if self._capture else "(see the output above)"

    def stop(self, *, graceful: bool = False) -> None:
        """Stop both. Graceful: nginx finishes the requests under way first (SIGQUIT),
        then gunicorn its own (SIGTERM). Otherwise both at once, at once."""
        if graceful:
            _signal(self.nginx, signal.SIGQUIT)
            _wait(self.nginx)
            if self.gunicorn is not None:
                _signal(self.gunicorn, signal.SIGTERM)
                _wait(self.gunicorn)
        else:
            for process in self.processes:
                _signal(process, signal.SIGINT)
            for process in self.processes:
                _wait(process)
        for reader in self._readers:
            reader.join(timeout=10)
        self._folder.cleanup()

    def __enter__(self) -> Serving:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def main() -> None:
    bind = os.environ.get("HANDOUT_BIND", "127.0.0.1:8000")
    received: list[int] = []
    wake = threading.Event()

    def note(signum: int, _frame: object) -> None:
        received.append(signum)
        wake.set()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, note)
    try:
        serving = Serving(bind)
    except RuntimeError as error:
        sys.exit(str(error))
    try:
        serving.wait_until_up()
    except RuntimeError as error:
        serving.stop()
        sys.exit(str(error))
    print(
        f"serving on {serving.url} (nginx on {bind}, gunicorn on {serving.upstream_url})",
        flush=True,
    )
    while not received and not serving.exited():
        wake.wait(0.5)
    stopped = serving.exited()
    serving.stop(graceful=signal.SIGINT not in received)
    if stopped is not None and not received:
        sys.exit(f"{stopped.args[0]} stopped (exit status {stopped.returncode})")


if __name__ == "__main__":
    main()
