#!/usr/bin/python3
"""The local runtime itself (tools/meldpunt), in temp run folders on free ports.

- infra: PostgreSQL + Redis answer and the export lines point at them; each service's role
  reaches only its own database; the superuser only through the unix socket; secrets are
  private; a second start in a busy folder is refused; stop leaves no process behind.
- up: with stand-in service binaries (fake_service.py) it provisions and starts them, status
  reports them SERVING, and `tools/meldpunt stop` or Ctrl-C stops everything.

Needs no build and no MELDPUNT_TEST_* variables: it starts its own servers.
"""

import json
import os
import random
import selectors
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools" / "pylib"))
from meldpunt_postgres import Postgres, dsn_with, run_psql  # noqa: E402
from meldpunt_proc import (  # noqa: E402
    MeldpuntError, cleanup_on_signals, free_port, pid_alive, port_in_use)
from meldpunt_runtime import Redis, redis_password  # noqa: E402

MELDPUNT = REPO / "tools" / "meldpunt"
TIMEOUT_S = 120
RUN_DIRS = []  # stopped if the test is interrupted


def stop_all_run_dirs():
    for run_dir in RUN_DIRS:
        meldpunt("stop", "--run-dir", run_dir)
        shutil.rmtree(run_dir.parent, ignore_errors=True)


def meldpunt(*args):
    return subprocess.run([str(MELDPUNT), *map(str, args)], capture_output=True, text=True,
                          timeout=TIMEOUT_S, stdin=subprocess.DEVNULL)


def free_block(offsets):
    """A base port with base+offset free for every offset (below the ephemeral range)."""
    for _ in range(500):
        base = random.randint(20000, 30000)
        if not any(port_in_use(base + o) for o in offsets):
            return base
    raise RuntimeError("no free port block")


def new_run_dir(test):
    tmp = Path(tempfile.mkdtemp(prefix="meldpunt-runtime-test-"))
    os.chmod(tmp, 0o755)  # as root, PostgreSQL runs as `postgres` and must traverse it
    test.addCleanup(shutil.rmtree, tmp, True)
    RUN_DIRS.append(tmp / "run")
    return tmp / "run"


def redis_answer(port, command):
    with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
        s.sendall(command)
        return s.recv(128)


def leftovers(run_dir, pids, redis_port):
    """Live processes among pids, or whose command line names the run folder or Redis port."""
    found = {p for p in pids if p and pid_alive(p)}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and pid_alive(int(entry.name)):
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if (str(run_dir) in cmdline or f"127.0.0.1:{redis_port}" in cmdline) \
                    and int(entry.name) != os.getpid():
                found.add(int(entry.name))
    return found


def env_file(path):
    return dict(line.split("=", 1) for line in shlex.split(Path(path).read_text(),
                                                             comments=True))


class Infra(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="meldpunt-runtime-test-"))
        os.chmod(cls.tmp, 0o755)
        cls.run_dir = cls.tmp / "run"
        RUN_DIRS.append(cls.run_dir)
        cls.pg_port, cls.redis_port = free_port(), free_port()
        result = meldpunt("infra", "--run-dir", cls.run_dir, "--pg-port", cls.pg_port,
                          "--redis-port", cls.redis_port)
        if result.returncode != 0:
            meldpunt("stop", "--run-dir", cls.run_dir)
            raise RuntimeError(f"infra failed:\n{result.stdout}{result.stderr}")
        cls.exports = {}
        for line in result.stdout.splitlines():
            key, value = shlex.split(line.removeprefix("export "))[0].split("=", 1)
            cls.exports[key] = value

    @classmethod
    def tearDownClass(cls):
        meldpunt("stop", "--run-dir", cls.run_dir)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def service_dsn(self, service):
        return env_file(self.run_dir / "env" / f"{service}.env")["MELDPUNT_PG_DSN"]

    def test_exports_point_at_running_servers(self):
        admin = self.exports["MELDPUNT_TEST_PG_ADMIN_DSN"]
        self.assertEqual(run_psql(admin, "SELECT current_setting('is_superuser')").strip(), "on")
        self.assertEqual(self.exports["MELDPUNT_TEST_REDIS_ADDR"], f"127.0.0.1:{self.redis_port}")
        self.assertTrue(Redis(self.run_dir, self.redis_port).ping())
        # Closed to anonymous clients; each service (and the tests) logs in as its own user.
        self.assertFalse(redis_answer(self.redis_port, b"PING\r\n").startswith(b"+PONG"))
        secret = self.exports["MELDPUNT_TEST_REDIS_SECRET"]
        self.assertEqual(stat.S_IMODE(os.stat(secret).st_mode), 0o600)
        login = f"AUTH intake {redis_password(secret, 'intake')}\r\n".encode()
        self.assertTrue(redis_answer(self.redis_port, login).startswith(b"+OK"))
        wrong = f"AUTH gateway {redis_password(secret, 'intake')}\r\n".encode()
        self.assertTrue(redis_answer(self.redis_port, wrong).startswith(b"-WRONGPASS"))

    def test_redis_keeps_an_append_only_file(self):
        # A Redis that restarts empty loses published events until the relays notice.
        aof = self.run_dir / "redis" / "appendonlydir"
        self.assertTrue(aof.is_dir(), f"no {aof}")
        self.assertTrue(any(aof.iterdir()))

    def test_test_template_has_postgis(self):
        template = dsn_with(self.exports["MELDPUNT_TEST_PG_ADMIN_DSN"],
                            dbname="meldpunt_test_template")
        self.assertTrue(run_psql(template, "SELECT postgis_version()").strip())

    def test_service_role_reaches_its_own_database_only(self):
        intake = self.service_dsn("intake")
        self.assertEqual(run_psql(intake, "SELECT current_user").strip(), "meldpunt_intake")
        self.assertNotEqual(run_psql(intake, "SELECT count(*) FROM spatial_ref_sys").strip(), "0")
        for other in ("meldpunt_identity", "meldpunt_gateway", "postgres",
                      "meldpunt_test_template"):
            with self.subTest(database=other), self.assertRaisesRegex(
                    MeldpuntError, "permission denied for database"):
                run_psql(dsn_with(intake, dbname=other), "SELECT 1")

    def test_migration_role_owns_the_database_and_runtime_role_uses_it(self):
        env = env_file(self.run_dir / "env" / "dispatch.env")
        runtime, owner = env["MELDPUNT_PG_DSN"], env["MELDPUNT_MIGRATE_PG_DSN"]
        self.assertEqual(run_psql(owner, "SELECT current_user").strip(),
                         "meldpunt_dispatch_owner")
        # What a migration creates, the runtime role may read and write (the owner's default
        # privileges), but not change, drop or switch row-level security off on.
        run_psql(owner, "CREATE TABLE t (id bigserial, tenant_id text, at geography(Point, 4326));"
                        "ALTER TABLE t ENABLE ROW LEVEL SECURITY;"
                        "CREATE POLICY p ON t USING (tenant_id = current_setting('meldpunt.tenant_id', true));")
        try:
            self.assertEqual(run_psql(runtime, "BEGIN; SELECT set_config('meldpunt.tenant_id', 'a', true);"
                                               "INSERT INTO t (tenant_id) VALUES ('a');"
                                               "SELECT count(*) FROM t; COMMIT;").split()[-1], "1")
            for sql in ("ALTER TABLE t DISABLE ROW LEVEL SECURITY", "DROP TABLE t",
                        "CREATE TABLE u (id int)", "CREATE TEMPORARY TABLE u (id int)"):
                with self.subTest(sql=sql), self.assertRaisesRegex(
                        MeldpuntError, "must be owner|permission denied"):
                    run_psql(runtime, sql)
        finally:
            run_psql(owner, "DROP TABLE t")

    def test_superuser_only_through_the_socket(self):
        with self.assertRaisesRegex(MeldpuntError, "pg_hba.conf rejects"):
            run_psql(f"host=127.0.0.1 port={self.pg_port} user=postgres dbname=postgres",
                     "SELECT 1")

    def test_secrets_are_owner_only(self):
        secrets = [self.run_dir / "keys" / "principal-ed25519.pem",
                   self.run_dir / "secrets" / "pg-passwords",
                   *sorted((self.run_dir / "env").glob("*.env"))]
        self.assertEqual(len(secrets), 8)
        for path in secrets:
            with self.subTest(path=path.name):
                self.assertEqual(stat.S_IMODE(path.stat().st_mode), 0o600)

    def test_status_reports_running(self):
        result = meldpunt("status", "--run-dir", self.run_dir)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("ready", result.stdout)
        self.assertIn("PONG", result.stdout)

    def test_second_start_in_busy_folder_is_refused(self):
        result = meldpunt("infra", "--run-dir", self.run_dir, "--pg-port", free_port(),
                          "--redis-port", free_port())
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("in use", result.stderr)
        self.assertTrue(Postgres(self.run_dir, self.pg_port).is_ready())


class InfraStop(unittest.TestCase):
    def test_stop_leaves_no_process(self):
        run_dir = new_run_dir(self)
        pg_port, redis_port = free_port(), free_port()
        result = meldpunt("infra", "--run-dir", run_dir, "--pg-port", pg_port,
                          "--redis-port", redis_port)
        self.addCleanup(meldpunt, "stop", "--run-dir", run_dir)
        self.assertEqual(result.returncode, 0, result.stderr)
        pids = [Postgres(run_dir, pg_port).pid(), Redis(run_dir, redis_port).pid()]
        self.assertTrue(all(pids) and all(pid_alive(p) for p in pids), pids)

        result = meldpunt("stop", "--run-dir", run_dir)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(leftovers(run_dir, pids, redis_port), set())
        self.assertFalse(port_in_use(pg_port))
        self.assertFalse(port_in_use(redis_port))
        self.assertNotEqual(meldpunt("status", "--run-dir", run_dir).returncode, 0)


class Up(unittest.TestCase):
    """`up` with stand-ins for two service binaries (no build needed)."""

    def start_up(self):
        run_dir = new_run_dir(self)
        build = run_dir.parent / "build"
        for name in ("gateway", "intake"):
            binary = build / "services" / name / f"meldpunt-{name}"
            binary.parent.mkdir(parents=True)
            shutil.copy(REPO / "tests" / "e2e" / "fake_service.py", binary)
            binary.chmod(0o755)
        self.redis_port = free_port()
        # --no-demo: the stand-ins cannot run the loader's operator commands (e2e.suite runs it
        # with the real binaries).
        args = ["up", "--no-build", "--no-demo", "--build-dir", build, "--run-dir", run_dir,
                "--pg-port", free_port(), "--redis-port", self.redis_port,
                "--base-port", free_block([0, 11, 12, 13, 14, 15]),
                "--metrics-base-port", free_block(range(6))]
        stderr = open(run_dir.parent / "up.stderr", "w+")
        self.addCleanup(stderr.close)
        up = subprocess.Popen([str(MELDPUNT), *map(str, args)], stdout=subprocess.PIPE,
                              stderr=stderr, stdin=subprocess.DEVNULL,
                              env={**os.environ, "MELDPUNT_TEST_REPO": str(REPO)})
        self.addCleanup(lambda: up.poll() is None and (up.kill(), up.wait()))
        self.addCleanup(meldpunt, "stop", "--run-dir", run_dir)
        output = self.read_until(up, "Meldpunt is up", stderr)
        self.assertIn("gateway", output)
        return up, run_dir

    def read_until(self, process, marker, stderr):
        selector = selectors.DefaultSelector()
        selector.register(process.stdout, selectors.EVENT_READ)
        output, deadline = "", time.monotonic() + TIMEOUT_S
        while marker not in output:
            if process.poll() is not None or time.monotonic() > deadline:
                stderr.seek(0)
                self.fail(f"no {marker!r}; exit {process.poll()}\n{output}{stderr.read()}")
            if selector.select(timeout=1):  # raw reads: a buffered reader would hide lines
                output += os.read(process.stdout.fileno(), 65536).decode(errors="replace")
        return output

    def assert_all_stopped(self, up, run_dir, service_pids):
        self.assertEqual(up.wait(60), 0)
        self.assertEqual(leftovers(run_dir, service_pids, self.redis_port), set())

    def service_pids(self, run_dir):
        state = json.loads((run_dir / "state.json").read_text())
        return [s["pid"] for s in state["services"].values()]

    def test_up_serves_and_stop_command_stops_all(self):
        up, run_dir = self.start_up()
        status = meldpunt("status", "--run-dir", run_dir)
        self.assertEqual(status.returncode, 0, status.stdout + status.stderr)
        self.assertEqual(status.stdout.count("SERVING"), 2, status.stdout)
        for name in ("gateway", "intake"):
            self.assertIn("environment ok", (run_dir / "logs" / f"{name}.log").read_text())
        pids = self.service_pids(run_dir)

        result = meldpunt("stop", "--run-dir", run_dir)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_all_stopped(up, run_dir, pids)
        for name in ("gateway", "intake"):
            self.assertIn("stopped", (run_dir / "logs" / f"{name}.log").read_text())

    def test_ctrl_c_stops_all(self):
        up, run_dir = self.start_up()
        pids = self.service_pids(run_dir)
        up.send_signal(signal.SIGINT)
        self.assert_all_stopped(up, run_dir, pids)


if __name__ == "__main__":
    cleanup_on_signals(stop_all_run_dirs)
    unittest.main(argv=[sys.argv[0], "-v", *sys.argv[1:]])
