"""How long a newcomer waits: clone, `make run` until the first page answers, `make test`.

Clones the current commit into a temporary folder and times, in the same run:
- `make install` (the baseline: only installing packages),
- `make run` from the clone until http://127.0.0.1:PORT/ answers 200 (it installs too,
  but finds everything installed, so this is migrate + reference data + demo + start),
- a clean `make run` in a second clone (install + everything, what the README promises),
- with --test: `make test` in the first clone.
Needs network access to the package registries the Makefile uses."""

import argparse
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def clone(into: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(into)], check=True)
    return into


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, check=False, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{(done.stdout + done.stderr)[-4000:]}")
    return time.perf_counter() - start


def run_until_first_page(cwd: Path, port: int) -> float:
    start = time.perf_counter()
    server = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while time.perf_counter() - start < 900:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    if response.status == 200:
                        return time.perf_counter() - start
            except OSError:
                time.sleep(0.5)
        raise TimeoutError("no first page within 15 minutes")
    finally:
        subprocess.run(["pkill", "-TERM", "-g", str(server.pid)], check=False)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--test", action="store_true", help="also time `make test`")
    parser.add_argument("--port", type=int, default=8765)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="leerwerk-clone-") as folder:
        first = clone(Path(folder) / "one")
        install = timed(["make", "install"], first)
        start_only = run_until_first_page(first, options.port)
        second = clone(Path(folder) / "two")
        fresh = run_until_first_page(second, options.port + 1)
        print(f"make install (baseline)                 {install:7.1f} s")
        print(f"make run to first page, installed       {start_only:7.1f} s  ({start_only / install:.2f} x install)")
        print(f"make run to first page, fresh clone     {fresh:7.1f} s  ({fresh / install:.2f} x install)")
        if options.test:
            test = timed(["make", "test"], first)
            print(f"make test, fresh clone                  {test:7.1f} s  ({test / install:.2f} x install)")


if __name__ == "__main__":
    main()
