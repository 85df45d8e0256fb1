#!/usr/bin/python3
"""Row (1b) of the intake benchmark: pgbench running CreateReport's own transaction (every
statement the service sends, bound as parameters) against a database made the way intake's is: a non-superuser owner role (so row-level security applies),
intake's migrations and Sint-Truiden's zones through `meldpunt-intake import-zones`, and the
demo category the load generator reports in. What (2) costs beyond it is the service's own
overhead (gRPC, validation, protobuf, the connection pool), not the database's.

The pgbench script is generated from the service's own statement files
(services/intake/sql/reports/*.sql, the ones PgReportRepository::Create runs), so the benchmark
cannot drift from the service; only the statements libs/ sends (tenant scope, request log,
outbox) are written out here. `--print-script` prints it.

tools/bench/run.py runs it on the suite's cluster. Standalone, to check the script against any
cluster that has a PostGIS template (e.g. the throwaway cluster of `tools/meldpunt infra`):

  tools/bench/create_report_bench.py --admin-dsn 'host=/tmp/mp-infra/pg port=57432 user=postgres' \\
      --template meldpunt_test_template --clients 2 --duration 2

It creates the role and database meldpunt_bench_intake, runs, prints the figures and the
per-statement latencies, and drops both again.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PGBIN = "/usr/lib/postgresql/15/bin"
INTAKE = REPO / "build" / "services" / "intake" / "meldpunt-intake"
INTAKE_SQL = REPO / "services" / "intake" / "sql"
ROLE = "meldpunt_bench_intake"

sys.path.insert(0, str(REPO / "tools" / "pylib"))
from meldpunt_postgres import (create_service_database, drop_service_database, dsn_with,  # noqa: E402
                               generate_password, run_psql)

# The values CreateReport binds for a report of the load generator (tools/loadgen). Byte sizes
# as measured from CreateReport calls of the load generator: the stored response with ten
# possible duplicates 1,480 bytes, the serialized ReportSubmitted event 290, a SHA-256
# fingerprint 32.
VARIABLES = {
    "tenant": "71053",
    "method": "CreateReport",
    "category": "verkeersveiligheid",
    "located": "true",
    "coarse": "false",
    "window_us": str(14 * 24 * 3600 * 1000000),
    "distance_m": "50",
    "duplicate_limit": "10",
    "coarse_margin_m": "250",
    "channel": "INTEGRATION",
    "reporter_kind": "guest",
    "first_name": "Load",
    "last_name": "Generator",
    "contact_channel": "NONE",
    "language": "NL",
    "description": "Onveilige oversteekplaats, gemeld door pgbench.",
    "attribute_values": "[]",
    "media_urls": "{}",
    "submitted_by": "loadgen",
    "event_type": "ReportSubmitted",
    "stream": "meldpunt:events:intake",
    "payload": "\\x" + os.urandom(290).hex(),
    "fingerprint": "\\x" + os.urandom(32).hex(),
    "response": "\\x" + os.urandom(1480).hex(),
}
TENANT = ("71053", "Sint-Truiden", "STR", "71053-sint-truiden")

# What each $n of the service's statements becomes in the script, in parameter order: a
# :variable (-D from VARIABLES, \set below, or \gset from an earlier statement), or SQL where the
# service computes the value in C++: the report id (gen_random_uuid()), the reference (formatted
# in SQL from the lookup's prefix and year and the number), empty strings (pgbench cannot define
# an empty variable), and the coarse point, which is the point itself (its value does not change
# the cost).
EMPTY = "''"
REFERENCE = ("(:found_prefix::text || '-' || :found_year::text || '-' || "
             "lpad(:next_report_number::text, 6, '0'))")
BINDINGS = {
    "create_report_lookup": [":tenant", ":category", ":located", ":lon", ":lat"],
    "find_duplicates": [":tenant", ":category", ":lon", ":lat", ":coarse", ":window_us",
                        ":distance_m", ":duplicate_limit", ":coarse_margin_m"],
    "take_report_number": [":tenant", ":found_year"],
    "insert_report": [
        ":tenant", "gen_random_uuid()", REFERENCE, ":category", ":channel", ":reporter_kind",
        EMPTY,  # citizen_id
        ":first_name", ":last_name", ":contact_channel", ":language",
        EMPTY, EMPTY, EMPTY,  # contact e-mail, phone, postal address
        ":language", ":located", ":lon", ":lat", ":lon", ":lat",
        EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY,  # address street .. country
        EMPTY,  # location_description
        ":found_zone_id", ":description", ":attribute_values", ":media_urls",
        EMPTY,  # external_reference
        ":submitted_by",
        "NULL", "false"],  # reporter_assurance, reporter_verified: a guest's report
}


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def statement(stem, end=";"):
    """services/intake/sql/reports/<stem>.sql with its comments dropped and each $n replaced by
    BINDINGS[stem][n - 1]; every binding must be used and no other parameter may appear, so a
    statement that gains or loses a parameter stops the benchmark instead of measuring something
    else. end: what closes it in the script (";" or a \\gset meta-command)."""
    text = (INTAKE_SQL / "reports" / f"{stem}.sql").read_text()
    text = "\n".join(line for line in (re.sub(r"--.*$", "", l).rstrip() for l in text.splitlines())
                     if line)
    text = text.rstrip().rstrip(";").rstrip()
    bindings = BINDINGS[stem]
    used = {int(n) for n in re.findall(r"\$(\d+)", text)}
    if used != set(range(1, len(bindings) + 1)):
        raise RuntimeError(f"{stem}.sql has parameters {sorted(used)}, the benchmark binds "
                           f"$1..${len(bindings)}: update BINDINGS in {Path(__file__).name}")
    return re.sub(r"\$(\d+)", lambda m: bindings[int(m.group(1)) - 1], text) + end


def create_report_script():
    """The pgbench script of CreateReport's transaction, run with -M extended (every statement
    parsed and planned per call with bound parameters). The service prepares three of its
    statements; the duplicate search it must not (a generic plan cannot fold the search box:
    15 ms instead of 0.2 ms), and pgbench can only prepare all or none."""
    return "\n".join([
        "-- Generated by tools/bench/create_report_bench.py from services/intake/sql/reports/.",
        "-- Row (1b): the transaction CreateReport runs, statement for statement.",
        r"\set lon 5.170 + random(0, 30000) * 0.000001",
        r"\set lat 50.805 + random(0, 20000) * 0.000001",
        r"\set request_id random(1, 9000000000000000000)",
        "BEGIN;",
        # Kept by hand in step with libs/auth/tenant_scope.cc and libs/idempotency/request_log.cc.
        "SELECT set_config('meldpunt.tenant_id', :tenant, true);",
        "SELECT pg_advisory_xact_lock(hashtextextended(:tenant || '/' || :method || '/' || "
        ":request_id, 0));",
        "SELECT fingerprint, response FROM meldpunt_request_log\n"
        " WHERE tenant_id = :tenant AND method = :method AND request_id = :request_id;",
        statement("create_report_lookup", r" \gset found_"),
        statement("find_duplicates"),
        statement("take_report_number", r" \gset"),
        statement("insert_report"),
        # Kept by hand in step with libs/events/outbox.cc and libs/idempotency/request_log.cc.
        "INSERT INTO meldpunt_outbox (event_id, tenant_id, type, stream, payload)\n"
        "VALUES (gen_random_uuid()::uuid, :tenant, :event_type, :stream, :payload);",
        "INSERT INTO meldpunt_request_log (tenant_id, method, request_id, fingerprint, response)\n"
        "VALUES (:tenant, :method, :request_id, :fingerprint, :response);",
        "END;",
        ""])


def run_pgbench(dsn, script, clients, duration, defines=None, mode="simple"):
    """pgbench -T duration; tps, latency percentiles (ms, from the per-transaction log) and the
    per-statement average latencies pgbench reports (-r). mode: pgbench's query mode (with
    defines, "extended" or "prepared": they bind variables as parameters like the service)."""
    args = [f"{PGBIN}/pgbench", "-n", "-r", "-c", str(clients), "-j", str(min(clients, 2)),
            "-T", str(duration), "-M", mode, "-f", str(script)]
    for name, value in (defines or {}).items():
        args += ["-D", f"{name}={value}"]
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(args + ["-l", "--log-prefix", f"{tmp}/tx", dsn],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"pgbench failed ({result.returncode}):\n{result.stderr[-3000:]}")
        latencies = []
        for f in Path(tmp).glob("tx*"):
            for line in f.read_text().splitlines():
                parts = line.split()
                if len(parts) >= 3:
                    latencies.append(int(parts[2]) / 1000.0)  # µs → ms
    out = result.stdout
    if not latencies:
        raise RuntimeError(f"pgbench logged no transactions:\n{out}\n{result.stderr[-3000:]}")
    latencies.sort()

    def pct(q):
        return latencies[min(len(latencies) - 1, max(0, int(q * len(latencies) + 0.999999) - 1))]
    failed = re.search(r"number of failed transactions: (\d+)", out)
    # The lines after pgbench's "statement latencies in milliseconds[ and failures]:" header.
    header = re.search(r"^statement latencies.*:$", out, re.M)
    statements = out[header.end():].strip("\n") if header else ""
    return {"throughput": float(re.search(r"tps = ([0-9.]+)", out).group(1)), "p50": pct(0.5),
            "p90": pct(0.9), "p99": pct(0.99), "max": latencies[-1],
            "errors": int(failed.group(1)) if failed else 0, "not_started": 0,
            "statements": statements}


def create_database(admin_dsn, template, host=None):
    """The roles and their database, migrated (as the migration role), with Sint-Truiden and the load generator's category;
    returns the runtime role's DSN (over host when given, else as admin_dsn connects)."""
    drop_service_database(admin_dsn, ROLE)  # a previous run that did not get to clean up
    dsn, migrate_dsn = create_service_database(admin_dsn, ROLE, generate_password(),
                                               generate_password(), template)
    if host:
        dsn, migrate_dsn = dsn_with(dsn, host=host), dsn_with(migrate_dsn, host=host)
    nis, name, prefix, slug = TENANT
    result = subprocess.run(
        [str(INTAKE), "import-zones", "--pg-dsn", dsn, "--migrate-pg-dsn", migrate_dsn,
         "--migrate", "--tenant-id", nis,
         "--tenant-name", name, "--reference-prefix", prefix,
         "--territory-geojson", str(REPO / "deploy" / "zones" / f"{slug}-municipality.geojson"),
         "--zones-geojson", str(REPO / "deploy" / "zones" / f"{slug}-deelgemeenten.geojson")],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"meldpunt-intake import-zones failed:\n{result.stderr[-2000:]}")
    catalogue = json.loads((REPO / "deploy" / "demo" / "categories.json").read_text())
    category = next(c for c in catalogue["categories"] if c["code"] == VARIABLES["category"])
    definition = json.dumps(category)
    if "$json$" in definition:
        raise RuntimeError("category definition cannot be quoted")
    # As the role, scoped to the tenant: the same row-level security the service writes under.
    run_psql(dsn, f"""BEGIN;
SELECT set_config('meldpunt.tenant_id', '{nis}', true);
INSERT INTO categories (tenant_id, code, active, group_code, display_order, definition)
VALUES ('{nis}', '{category["code"]}', true, '{category.get("groupCode", "")}',
        {int(category.get("displayOrder", 0))}, $json${definition}$json$::jsonb);
COMMIT;
""")
    return dsn


def drop_database(admin_dsn):
    drop_service_database(admin_dsn, ROLE)


def run(admin_dsn, template, clients, duration, host=None):
    """Row (1b): set up, pgbench, tear down."""
    if not INTAKE.exists():
        raise RuntimeError(f"build first ({INTAKE} missing)")
    dsn = create_database(admin_dsn, template, host)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            script = Path(tmp) / "pgbench_create_report.sql"
            script.write_text(create_report_script())
            row = run_pgbench(dsn, script, clients, duration, VARIABLES, mode="extended")
    finally:
        drop_database(admin_dsn)
    row["label"] = "(1b) pgbench: CreateReport's transaction"
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--print-script", action="store_true",
                        help="print the generated pgbench script and exit")
    parser.add_argument("--admin-dsn", help="superuser DSN (key=value form)")
    parser.add_argument("--template", default="meldpunt_template",
                        help="database template with PostGIS and the LEAKPROOF step")
    parser.add_argument("--host", help="connect the role here instead (e.g. 127.0.0.1)")
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--duration", type=int, default=2)
    args = parser.parse_args()
    if args.print_script:
        sys.stdout.write(create_report_script())
        return 0
    if not args.admin_dsn:
        parser.error("--admin-dsn is required")
    row = run(args.admin_dsn, args.template, args.clients, args.duration, args.host)
    print(f"{row['label']}: {row['throughput']:.0f}/s p50={row['p50']:.2f} ms "
          f"p90={row['p90']:.2f} ms p99={row['p99']:.2f} ms max={row['max']:.2f} ms "
          f"failed={row['errors']}")
    print(row["statements"])
    return 1 if row["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
