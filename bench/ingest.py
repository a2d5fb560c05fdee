"""Import throughput: 100,000 synthetic offers from CSV and from EDU-DEX files, on SQLite and
on PostgreSQL, a first import and an unchanged re-import, with peak memory.

Baseline in the same run: reading the same input with the reader alone (no database), so
the ratio shows what writing costs on top of parsing. Targets (catalogue issue): at least
5,000 offers/s for a first import, 20,000/s for an unchanged re-import, under 500 MB.

    .venv/bin/python bench/ingest.py [--count 100000] [--backends sqlite,postgresql]

Each measurement runs in a fresh process (so peak memory is its own) against a fresh
database: a temporary SQLite file, or the PostgreSQL database `leerwerk_bench` on
127.0.0.1:5432 (created and dropped by this script; override with BENCH_POSTGRES_URL)."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_ADMIN = os.environ.get("BENCH_POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/leerwerk_bench")
TODAY = date(2026, 11, 23)


def _prepare_inputs(folder: Path, count: int) -> tuple[Path, Path]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    import django

    django.setup()
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import synthetic_records, write_csv, write_edudex

    csv_path = folder / "offers.csv"
    write_csv(synthetic_records(count, seed=1, today=TODAY), csv_path)
    edudex = folder / "edudex"
    write_edudex(synthetic_records(count, seed=1, today=TODAY), edudex, per_file=1000)
    return csv_path, edudex


def _worker(mode: str, database_url: str, format: str, path: Path) -> dict[str, float]:
    """Runs in its own process: migrate, load regions, then either read the input (the
    baseline) or import it twice; report."""
    import io
    import resource

    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings_test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from leerwerk.catalogue.ingest import get_reader
    from leerwerk.catalogue.models import Provider
    from leerwerk.catalogue.services import Source, import_offers, reader_context
    from leerwerk.catalogue.services.imports import import_limits

    call_command("migrate", verbosity=0)
    call_command("load_regions", stdout=io.StringIO())
    provider = Provider.objects.create(name="Synthetische opleider", kind="private_trainer", admission="admitted")
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    sources = [Source(item.name, item.read_bytes, size=item.stat().st_size) for item in files]
    read = get_reader(format)

    if mode == "read":  # the baseline, in a process of its own so that it adds no memory to the import's
        start = time.perf_counter()
        parsed = 0
        context = reader_context()
        for source in sources:
            parsed += sum(1 for _row in read(source.load(), limits=import_limits(), context=context))
        return {"parsed": parsed, "read_rate": parsed / (time.perf_counter() - start)}

    results: dict[str, float] = {}
    for label in ("first", "again"):
        start = time.perf_counter()
        run = import_offers(provider=provider, format=format, sources=sources, read=read, source_name=str(path))
        seconds = time.perf_counter() - start
        assert run.outcome == "applied", (run.structural_error, run.row_errors[:3])
        handled = run.new_count + run.changed_count + run.unchanged_count
        results[f"{label}_rate"] = handled / seconds
        results[f"{label}_seconds"] = seconds
        results[f"{label}_new"] = run.new_count
        results[f"{label}_unchanged"] = run.unchanged_count
    results["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["reader_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return results


def _fresh_database(backend: str, folder: Path) -> str:
    if backend == "sqlite":
        target = folder / f"bench-{time.time_ns()}.sqlite3"
        return f"sqlite:///{target}"
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        name = POSTGRES_URL.rsplit("/", 1)[1]
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return POSTGRES_URL


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--worker", nargs=4, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        mode, database, format, path = options.worker
        print(json.dumps(_worker(mode, database, format, Path(path))))
        return
    with tempfile.TemporaryDirectory(prefix="leerwerk-ingest-") as temporary:
        folder = Path(temporary)
        start = time.perf_counter()
        csv_path, edudex = _prepare_inputs(folder, options.count)
        print(f"Generated {options.count} synthetic offers as CSV and EDU-DEX in {time.perf_counter() - start:.1f} s")
        print(
            f"{'backend':11} {'format':7} {'read/s':>8} {'first/s':>8} {'x read':>7} {'again/s':>8} {'x read':>7} "
            f"{'peak MB':>8} {'reader MB':>9}"
        )
        for backend in options.backends.split(","):
            for format, path in (("csv", csv_path), ("edudex", edudex)):
                result: dict[str, float] = {}
                for mode in ("read", "import"):
                    database = _fresh_database(backend, folder)
                    output = subprocess.run(
                        [sys.executable, __file__, "--worker", mode, database, format, str(path)],
                        check=True,
                        capture_output=True,
                        text=True,
                        cwd=ROOT,
                    ).stdout
                    result.update(json.loads(output.strip().splitlines()[-1]))
                print(
                    f"{backend:11} {format:7} {result['read_rate']:8.0f} {result['first_rate']:8.0f} "
                    f"{result['first_rate'] / result['read_rate']:7.2f} {result['again_rate']:8.0f} "
                    f"{result['again_rate'] / result['read_rate']:7.2f} {result['peak_mb']:8.0f} "
                    f"{result['reader_peak_mb']:9.0f}"
                )
        print("read/s: the reader alone, no database (the baseline); x read: the import's rate against it.")
        print("peak MB: the importing process; reader MB: the process that reads large imports beside it.")
        print("Targets: first import >= 5000/s, unchanged re-import >= 20000/s, peak < 500 MB.")


if __name__ == "__main__":
    main()
