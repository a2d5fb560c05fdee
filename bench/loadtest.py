"""What the load tests of the benches share: a host's processes with production settings,
gunicorn with 2 workers, and `wrk` at concurrency 16 walking through a list of paths."""

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A browser's user agent: the measurement does not count robots.
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def production(environment: dict[str, str], **settings: str) -> dict[str, str]:
    """The environment of a host's processes (web server, indexer): production settings on
    this run's database and folders, plus `settings`."""
    return {
        **os.environ,
        **environment,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        **settings,
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def gunicorn(environment: dict[str, str], *, access_log: Path | None = None) -> Iterator[str]:
    """gunicorn with 2 workers on a free port, until the block ends; yields its address."""
    port = free_port()
    logging = ["--access-logfile", str(access_log), "--access-logformat", "%(s)s %(U)s"] if access_log else []
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            *logging,
        ],
        cwd=ROOT,
        env=environment,
    )
    try:
        for _attempt in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@dataclass(frozen=True)
class Load:
    rate: float  # requests per second
    completed: int
    non_2xx: int


def wrk(url: str, paths: list[str], seconds: int, folder: Path, headers: Sequence[str] = ()) -> Load:
    """wrk at concurrency 16 for `seconds`, each request the next of `paths`, as a browser
    (plus `headers`, such as a session cookie). Raises RuntimeError on connect, read or
    write errors (timeouts are counted by wrk, not fatal)."""
    script = folder / "paths.lua"
    listed = ",\n".join('"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"' for path in paths)
    script.write_text(
        f"paths = {{\n{listed}\n}}\ncounter = 0\n"
        "request = function()\n  counter = counter + 1\n"
        "  return wrk.format(nil, paths[(counter % #paths) + 1])\nend\n",
        encoding="utf-8",
    )
    extra = [argument for header in headers for argument in ("-H", header)]
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "-H", f"User-Agent: {BROWSER}", *extra, "-s", str(script), url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    errors_line = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if errors_line and any(int(number) for number in errors_line.groups()[:3]):
        raise RuntimeError(f"wrk reports socket errors:\n{output}")
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    completed = re.search(r"(\d+) requests in", output)
    if rate is None or completed is None:
        raise RuntimeError(f"wrk printed no figures:\n{output}")
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return Load(float(rate.group(1)), int(completed.group(1)), int(errors.group(1)) if errors else 0)
