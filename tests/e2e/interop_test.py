#!/usr/bin/python3
"""Interop: a Meldpunt service binary (our C++ gRPC server) answers a client built on another
gRPC implementation, Debian's python3-grpcio, on health and reflection, and stops cleanly on
SIGTERM.

  /usr/bin/python3 tests/e2e/interop_test.py --binary build/services/intake/meldpunt-intake \\
      --service meldpunt.intake.v1.IntakeService --method CreateReport [unittest args]

The binary runs on a free port (MELDPUNT_GRPC_PORT=0, MELDPUNT_PORT_FILE) against a fresh
database cloned from meldpunt_test_template, owned by its own migration role and served
with its own runtime role, and the test Redis:
MELDPUNT_TEST_PG_ADMIN_DSN and MELDPUNT_TEST_REDIS_ADDR, which `tools/meldpunt test` sets.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools" / "pylib"))
import grpc  # noqa: E402

import meldpunt_grpc  # noqa: E402
from meldpunt_postgres import (  # noqa: E402
    TEST_TEMPLATE_DB, create_service_database, drop_service_database, generate_password)
from meldpunt_proc import cleanup_on_signals, free_port, tail  # noqa: E402
from meldpunt_runtime import generate_principal_keys  # noqa: E402
from meldpunt_services import SERVICES, ServiceProcess, service_env  # noqa: E402

ARGS = None  # set in main()
SHUTDOWN_TIMEOUT_S = 30
RUNNING = set()  # RunningBinary instances not closed yet, stopped if the test is interrupted


def test_servers():
    missing = [v for v in ("MELDPUNT_TEST_PG_ADMIN_DSN", "MELDPUNT_TEST_REDIS_ADDR")
               if not os.environ.get(v)]
    if missing:
        raise RuntimeError(
            f"{' and '.join(missing)} not set: run this through `tools/meldpunt test -L e2e`, "
            "or export what `tools/meldpunt infra` prints")
    return os.environ["MELDPUNT_TEST_PG_ADMIN_DSN"], os.environ["MELDPUNT_TEST_REDIS_ADDR"]


class RunningBinary:
    """The binary under test with its own database, role, keys and log in a temp folder."""

    def __init__(self, extra_env=None):
        admin_dsn, redis_addr = test_servers()
        self.admin_dsn = admin_dsn
        self.dir = Path(tempfile.mkdtemp(prefix="meldpunt-interop-"))
        self.role = f"interop_{uuid.uuid4().hex[:12]}"
        password = generate_password()
        dsn, migrate_dsn = create_service_database(admin_dsn, self.role, password,
                                                   generate_password(), TEST_TEMPLATE_DB)
        signing_key, public_keys = generate_principal_keys(self.dir / "keys")
        # The other services are not running: their addresses point at a closed port.
        nowhere = f"127.0.0.1:{free_port()}"
        env = service_env(
            ARGS.component, grpc_port=0, port_file=self.dir / "grpc.port",
            metrics_port=free_port(),
            pg_dsn=dsn, migrate_pg_dsn=migrate_dsn,
            redis_addr=redis_addr, redis_secret=os.environ.get("MELDPUNT_TEST_REDIS_SECRET"),
                              public_keys=public_keys, signing_key=signing_key,
            service_addrs={s: nowhere for s in SERVICES})
        env.update(extra_env or {})
        self.service = ServiceProcess(ARGS.component, ARGS.binary, env, self.dir / "service.log")
        RUNNING.add(self)
        try:
            self.service.start()
            self.service.wait_serving(ARGS.start_timeout)
        except BaseException:
            self.close()
            raise
        self.channel = grpc.insecure_channel(self.service.address)

    def close(self):
        RUNNING.discard(self)
        if getattr(self, "channel", None):
            self.channel.close()
        if self.service.process:
            self.service.stop()
        # ctest shows this only when the test fails.
        print(f"--- last lines of {ARGS.binary}'s log ---\n{tail(self.service.log_path, 30)}",
              file=sys.stderr)
        drop_service_database(self.admin_dsn, self.role)
        shutil.rmtree(self.dir, ignore_errors=True)


class HealthAndReflection(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.binary = RunningBinary()
        cls.channel = cls.binary.channel

    @classmethod
    def tearDownClass(cls):
        cls.binary.close()

    def test_overall_health_is_serving(self):
        self.assertEqual(meldpunt_grpc.health_check(self.channel, ""), "SERVING")

    def test_service_health_is_serving(self):
        self.assertEqual(meldpunt_grpc.health_check(self.channel, ARGS.service), "SERVING")

    def test_unknown_service_health_is_not_found(self):
        with self.assertRaises(grpc.RpcError) as caught:
            meldpunt_grpc.health_check(self.channel, "meldpunt.nothing.v1.NoSuchService")
        self.assertEqual(caught.exception.code(), grpc.StatusCode.NOT_FOUND)

    def test_reflection_lists_service_and_health(self):
        services = meldpunt_grpc.list_services(self.channel)
        self.assertIn(ARGS.service, services)
        self.assertIn("grpc.health.v1.Health", services)

    def test_reflection_describes_service_methods(self):
        files = meldpunt_grpc.files_containing_symbol(self.channel, ARGS.service)
        self.assertTrue(files, "no file descriptor returned")
        self.assertIn(ARGS.method, meldpunt_grpc.method_names(files, ARGS.service))

    def test_unknown_method_is_unimplemented(self):
        call = self.channel.unary_unary(f"/{ARGS.service}/NoSuchMethod")
        with self.assertRaises(grpc.RpcError) as caught:
            call(b"", timeout=5)
        self.assertEqual(caught.exception.code(), grpc.StatusCode.UNIMPLEMENTED)


class WorkerPoolSettings(unittest.TestCase):
    """Every binary builds its worker pool from the shared settings (ServiceMain), so
    --max-queue-wait and --worker-threads reach the pool that serves its calls; the "serving" log
    line reports what the pool was built with. What the bound does is tested in
    libs/server/service_main_integration_test.cc."""

    def test_queue_bound_and_threads_reach_the_pool(self):
        binary = RunningBinary({"MELDPUNT_MAX_QUEUE_WAIT": "7ms", "MELDPUNT_WORKER_THREADS": "3"})
        try:
            lines = [json.loads(line) for line in binary.service.log_path.read_text().splitlines()
                     if line.startswith("{")]
            serving = [line for line in lines if line.get("msg") == "serving"]
            self.assertEqual(len(serving), 1, lines)
            self.assertEqual(serving[0].get("max_queue_wait_ms"), 7)
            self.assertEqual(serving[0].get("worker_threads"), 3)
        finally:
            binary.close()


class Shutdown(unittest.TestCase):
    def test_sigterm_exits_zero(self):
        binary = RunningBinary()
        try:
            process = binary.service.process
            process.send_signal(signal.SIGTERM)
            try:
                code = process.wait(SHUTDOWN_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.fail(f"still running {SHUTDOWN_TIMEOUT_S} s after SIGTERM")
            self.assertEqual(code, 0)
            self.assertEqual(meldpunt_grpc.health_status(binary.service.address, timeout=1),
                             "UNAVAILABLE")
        finally:
            binary.close()


def main():
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", type=Path, required=True)
    parser.add_argument("--service", required=True, help="full name, e.g. "
                        "meldpunt.intake.v1.IntakeService")
    parser.add_argument("--method", required=True, help="a method the service must have")
    parser.add_argument("--component", help="service name for its configuration (default: "
                        "from the binary's name, meldpunt-<component>)")
    parser.add_argument("--start-timeout", type=float, default=60.0)
    ARGS, rest = parser.parse_known_args()
    if not ARGS.component:
        ARGS.component = re.sub(r"^meldpunt-", "", ARGS.binary.name)
    if not os.access(ARGS.binary, os.X_OK):
        parser.error(f"not an executable: {ARGS.binary}")
    cleanup_on_signals(lambda: [b.close() for b in list(RUNNING)])
    unittest.main(argv=[sys.argv[0], "-v", *rest])


if __name__ == "__main__":
    main()
