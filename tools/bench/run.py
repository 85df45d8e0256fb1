#!/usr/bin/python3
"""Side-by-side benchmark of report intake on this machine, PostgreSQL with its durable defaults:

  (1) pgbench inserting one report-like row per transaction (the physical baseline),
  (1b) pgbench running CreateReport's own transaction, statement for statement, in a database
       made by intake's migrations and zone import (tools/bench/create_report_bench.py): the
       database's ceiling for a whole report, so (2) minus (1b) is the service's own overhead,
  (2) CreateReport straight to intake (principal signed with the runtime's key),
  (3) CreateReport through the gateway (API key of the demo app backend),
  (3c) the same as (3) with reports spread as a city's are: 11 categories, places drawn all over
       Sint-Truiden's territory (rows 1b-3 put every report in one category in a 2 x 2 km square
       of the centre: the crowded worst case for the duplicate search),
  (4) CreateReport through the gateway at a fixed rate of half of (1), for its latency,
  (5) the same at 80 % of what (3c) sustained: latency at a rate the suite can carry,

plus each service's resident memory when idle. Usage (after a build):

  tools/bench/run.py [--duration 30] [--clients 16] [--run-dir /tmp/meldpunt-bench]

It starts the suite with `tools/meldpunt up --no-build` (durable PostgreSQL, demo data), runs the
measurements one after the other, stops the suite, and prints a Markdown table.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PGBIN = "/usr/lib/postgresql/15/bin"
LOADGEN = REPO / "build" / "tools" / "loadgen" / "meldpunt-loadgen"

sys.path.insert(0, str(REPO / "deploy" / "demo"))
sys.path.insert(0, str(REPO / "tools" / "pylib"))
from load import read_env  # noqa: E402  (the runtime's env-file format, one reader)
from meldpunt_postgres import SERVICE_TEMPLATE_DB  # noqa: E402
import create_report_bench  # noqa: E402  (beside this file)


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def wait_for(path, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if path.exists():
            return
        time.sleep(0.5)
    raise RuntimeError(f"{path} did not appear within {timeout} s")


# The demo categories without required attributes: the load generator sends no attributes.
CITY_CATEGORIES = ("voetpad-en-fietspad,verkeersveiligheid,verkeersborden,parkeren,groenonderhoud,"
                   "riolering,graffiti,speelpleinen,dierenoverlast,geluidsoverlast,drugsafval")


def city_points(path, count=2000, seed=71053):
    """count points drawn uniformly inside Sint-Truiden's territory (deploy/zones), "lat lon"
    per line, for the load generator's --points-file."""
    import random
    geometry = json.loads((REPO / "deploy" / "zones" / "71053-sint-truiden-municipality.geojson")
                          .read_text())["features"][0]["geometry"]
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    rings = [polygon[0] for polygon in polygons]

    def inside(x, y):  # even-odd rule over the outer rings
        hit = False
        for ring in rings:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                    hit = not hit
        return hit
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    rng = random.Random(seed)
    points = []
    while len(points) < count:
        x, y = rng.uniform(min(xs), max(xs)), rng.uniform(min(ys), max(ys))
        if inside(x, y):
            points.append(f"{y:.6f} {x:.6f}")
    Path(path).write_text("\n".join(points) + "\n")
    return path


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def psql(admin, db, sql):
    subprocess.run([f"{PGBIN}/psql", "-q", "-v", "ON_ERROR_STOP=1", admin + f" dbname={db}", "-c", sql],
                   check=True, capture_output=True, text=True)


def pgbench(admin_dsn, clients, duration):
    """Inserts into a bench database on the suite's own (durable) PostgreSQL; returns tps and
    latency percentiles from pgbench's per-transaction log."""
    psql(admin_dsn, "postgres", "DROP DATABASE IF EXISTS meldpunt_bench")
    psql(admin_dsn, "postgres", "CREATE DATABASE meldpunt_bench")
    subprocess.run([f"{PGBIN}/psql", "-q", "-v", "ON_ERROR_STOP=1", admin_dsn + " dbname=meldpunt_bench",
                    "-f", str(REPO / "tools" / "bench" / "pgbench_schema.sql")],
                   check=True, capture_output=True, text=True)
    row = create_report_bench.run_pgbench(admin_dsn + " dbname=meldpunt_bench",
                                          REPO / "tools" / "bench" / "pgbench_insert.sql",
                                          clients, duration)
    row["label"] = "(1) pgbench INSERT, report-like row"
    return row


def loadgen(label, args):
    out = subprocess.run([str(LOADGEN), "--label", "x", *args], capture_output=True, text=True)
    if not out.stdout.strip():
        raise RuntimeError(f"loadgen failed: {out.stderr}")
    # A run where nothing succeeded still has figures worth printing (exit code 1).
    line = out.stdout.splitlines()[0]
    fields = dict(re.findall(r"(\w+)=([0-9.]+)", line))
    errors = sum(int(n) for n in re.findall(r"^\s+(?!NOT_STARTED)\w+: (\d+)", out.stdout, re.M))
    not_started = re.search(r"NOT_STARTED: (\d+)", out.stdout)
    log(out.stdout.strip())
    return {"label": label, "throughput": float(fields["throughput"]), "p50": float(fields["p50"]),
            "p90": float(fields["p90"]), "p99": float(fields["p99"]), "max": float(fields["max"]),
            "errors": errors, "not_started": int(not_started.group(1)) if not_started else 0}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--run-dir", type=Path, default=Path("/tmp/meldpunt-bench"))
    parser.add_argument("--base-port", type=int, default=51050)
    parser.add_argument("--pg-port", type=int, default=55532)
    parser.add_argument("--redis-port", type=int, default=56479)
    args = parser.parse_args()
    if not LOADGEN.exists():
        sys.exit(f"bench: build first ({LOADGEN} missing)")

    env = dict(os.environ)
    # The benchmark measures capacity, not the per-client fairness limits.
    env["MELDPUNT_RATE_LIMITS"] = "write.high=1000000/1000000,read.high=1000000/1000000"
    env["MELDPUNT_LOG_LEVEL"] = "warning"
    # A previous run's keys must not be mistaken for this run's readiness.
    shutil.rmtree(args.run_dir / "demo", ignore_errors=True)
    up = subprocess.Popen([sys.executable, str(REPO / "tools" / "meldpunt"), "up", "--no-build",
                           "--run-dir", str(args.run_dir), "--base-port", str(args.base_port),
                           "--pg-port", str(args.pg_port), "--redis-port", str(args.redis_port),
                           "--metrics-base-port", str(args.base_port + 100)],
                          env=env, stdin=subprocess.DEVNULL, stdout=sys.stderr, stderr=sys.stderr)
    try:
        wait_for(args.run_dir / "demo" / "api-keys.json", 600)
        time.sleep(2)  # let the services settle after the demo load before measuring idle memory
        state = json.loads((args.run_dir / "state.json").read_text())
        rss = {name: rss_mb(info["pid"]) for name, info in state.get("services", {}).items()}
        keys = json.loads((args.run_dir / "demo" / "api-keys.json").read_text())
        gateway_env = read_env(args.run_dir / "env" / "gateway.env")
        intake_env = read_env(args.run_dir / "env" / "intake.env")
        admin_dsn = f"host={args.run_dir / 'pg'} port={args.pg_port} user=postgres"
        gateway = f"127.0.0.1:{gateway_env['MELDPUNT_GRPC_PORT']}"
        intake = f"127.0.0.1:{intake_env['MELDPUNT_GRPC_PORT']}"
        common = ["--method", "create-report", "--warmup", f"{args.warmup}s",
                  "--duration", f"{args.duration}s", "--category", "verkeersveiligheid"]

        rows = []
        log("pgbench baseline")
        rows.append(pgbench(admin_dsn, args.clients, args.duration))
        log(str(rows[-1]))
        log("pgbench running CreateReport's transaction")
        # Over TCP as its own non-superuser role, as intake connects (row-level security applies).
        rows.append(create_report_bench.run(admin_dsn, SERVICE_TEMPLATE_DB, args.clients,
                                            args.duration, host="127.0.0.1"))
        log(f"{rows[-1]['label']}: {rows[-1]['throughput']:.0f}/s; per statement (ms):\n"
            + rows[-1]["statements"])
        log("CreateReport straight to intake")
        rows.append(loadgen("(2) CreateReport → intake", [
            "--target", intake, "--mode", "closed", "--concurrency", str(args.clients),
            "--signing-key", gateway_env["MELDPUNT_PRINCIPAL_SIGNING_KEY"], "--tenant", "71053",
            "--role", "integrator", "--channel", "integration", *common]))
        log("CreateReport through the gateway")
        app_key = keys["sint-truiden-app-backend"]["api_key"]
        rows.append(loadgen("(3) CreateReport → gateway → intake", [
            "--target", gateway, "--mode", "closed", "--concurrency", str(args.clients),
            "--api-key", app_key, "--channel", "integration", *common]))
        log("CreateReport through the gateway, spread over the city and 11 categories")
        points = city_points(args.run_dir / "bench-city-points.txt")
        rows.append(loadgen("(3c) the same, reports spread over the city", [
            "--target", gateway, "--mode", "closed", "--concurrency", str(args.clients),
            "--api-key", app_key, "--channel", "integration", *common,
            "--categories", CITY_CATEGORIES, "--points-file", str(points)]))
        half = max(1, int(rows[0]["throughput"] / 2))  # the target: half of (1)
        log(f"CreateReport through the gateway at {half}/s")
        rows.append(loadgen(f"(4) CreateReport → gateway at {half}/s (half of (1)), city spread", [
            "--target", gateway, "--mode", "rate", "--rate", str(half),
            "--concurrency", str(max(args.clients, 64)), "--api-key", app_key,
            "--channel", "integration", *common,
            "--categories", CITY_CATEGORIES, "--points-file", str(points)]))
        carried = max(1, int(rows[-2]["throughput"] * 0.8))
        log(f"CreateReport through the gateway at {carried}/s")
        rows.append(loadgen(f"(5) CreateReport → gateway at {carried}/s (80 % of (3c)), city spread", [
            "--target", gateway, "--mode", "rate", "--rate", str(carried),
            "--concurrency", str(max(args.clients, 64)), "--api-key", app_key,
            "--channel", "integration", *common,
            "--categories", CITY_CATEGORIES, "--points-file", str(points)]))
    finally:
        up.send_signal(signal.SIGINT)
        up.wait(120)

    print("| run | throughput /s | p50 ms | p90 ms | p99 ms | max ms | errors | not started |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['label']} | {r['throughput']:.0f} | {r['p50']:.2f} | {r['p90']:.2f} | "
              f"{r['p99']:.2f} | {r['max']:.2f} | {r['errors']} | {r['not_started']} |")
    print()
    print("Idle resident memory: " + ", ".join(f"{k} {v:.1f} MB" for k, v in sorted(rss.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
