"""Requests per second of the foundation's pages and API, against /health in the same run.

In-process with Django's test client on a temporary SQLite database holding the real
reference data, so the figure is the application's own cost (no network, no server)."""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = Path(tempfile.mkdtemp(prefix="leerwerk-bench-")) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings_test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

REQUESTS = 300
PATHS = [
    ("/health", "baseline: one trivial query"),
    ("/", "home page"),
    ("/regios/", "all regions (35 rows)"),
    ("/regios/AM27/", "one region (10 municipalities)"),
    ("/api/v1/regions", "API: regions"),
    ("/api/v1/regions/AM27", "API: one region"),
    ("/api/v1/municipalities?region=AM27", "API: municipalities of a region"),
]


def measure(client: Client, path: str) -> tuple[float, float]:
    for _ in range(20):  # warm up caches and template loading
        client.get(path)
    durations = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(path)
        durations.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    return len(durations) / sum(durations), statistics.quantiles(durations, n=100)[94] * 1000


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_regions", stdout=io.StringIO())
    client = Client()
    results = [(path, label, *measure(client, path)) for path, label in PATHS]
    baseline = results[0][2]
    print(f"{'path':40} {'req/s':>8} {'p95 ms':>8} {'vs /health':>10}  what")
    for path, label, rate, p95 in results:
        print(f"{path:40} {rate:8.0f} {p95:8.2f} {rate / baseline:10.2f}  {label}")


if __name__ == "__main__":
    main()
