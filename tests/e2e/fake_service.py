#!/usr/bin/python3
"""A stand-in service binary for runtime_test.py: checks the environment contract the runtime
hands every service (its database DSNs work and name its own runtime and migration roles, Redis answers, the gateway
alone gets the signing key), then serves grpc.health.v1 until SIGTERM and exits 0.

runtime_test.py copies this file to <build>/services/<name>/meldpunt-<name>.
"""

import os
import signal
import socket
import sys
import threading
from concurrent import futures
from pathlib import Path

sys.path.insert(0, str(Path(os.environ["MELDPUNT_TEST_REPO"]) / "tools" / "pylib"))
import grpc  # noqa: E402

import meldpunt_grpc  # noqa: E402
from meldpunt_postgres import parse_dsn, run_psql  # noqa: E402
from meldpunt_runtime import Redis  # noqa: E402


def check_environment(name):
    env = os.environ
    user = run_psql(env["MELDPUNT_PG_DSN"], "SELECT current_user").strip()
    if user != f"meldpunt_{name}":
        sys.exit(f"{name}: connected as {user}")
    if parse_dsn(env["MELDPUNT_PG_DSN"])["host"] != "127.0.0.1":
        sys.exit(f"{name}: DSN not over loopback TCP")
    # Migrations run as the owner of the schema; the runtime role may create nothing.
    owner = run_psql(env["MELDPUNT_MIGRATE_PG_DSN"], "SELECT current_user").strip()
    if owner != f"meldpunt_{name}_owner":
        sys.exit(f"{name}: migrations would run as {owner}")
    if run_psql(env["MELDPUNT_PG_DSN"], "SELECT has_schema_privilege('public', 'CREATE')"
                ).strip() != "f":
        sys.exit(f"{name}: the runtime role may create in schema public")
    host, port = env["MELDPUNT_REDIS_ADDR"].split(":")
    if not Redis("/nonexistent", port).ping():
        sys.exit(f"{name}: Redis does not answer at {env['MELDPUNT_REDIS_ADDR']}")
    # Its own Redis user, and only with that user's password.
    if env.get("MELDPUNT_REDIS_USER") != name or not redis_login(
            int(port), name, env.get("MELDPUNT_REDIS_PASSWORD", "")):
        sys.exit(f"{name}: cannot log in to Redis as its own user")
    if ("MELDPUNT_PRINCIPAL_SIGNING_KEY" in env) != (name == "gateway"):
        sys.exit(f"{name}: signing key given to the wrong service")
    for kid_path in env["MELDPUNT_PRINCIPAL_PUBLIC_KEYS"].split(","):
        if not Path(kid_path.split(":", 1)[1]).exists():
            sys.exit(f"{name}: missing public key {kid_path}")
    print(f"{name}: environment ok (database role {user})", flush=True)


def redis_login(port, user, password):
    with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
        s.sendall(f"AUTH {user} {password}\r\n".encode())
        return s.recv(64).startswith(b"+OK")


def main():
    name = Path(sys.argv[0]).name.removeprefix("meldpunt-")
    check_environment(name)
    health = meldpunt_grpc.protos().health

    def check(request, context):
        if request.service not in ("", f"meldpunt.{name}.v1.Fake"):
            context.abort(grpc.StatusCode.NOT_FOUND, "unknown service")
        return health.HealthCheckResponse(status=health.HealthCheckResponse.SERVING)

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler(
        "grpc.health.v1.Health", {"Check": grpc.unary_unary_rpc_method_handler(
            check, request_deserializer=health.HealthCheckRequest.FromString,
            response_serializer=health.HealthCheckResponse.SerializeToString)})])
    address = f"{os.environ['MELDPUNT_LISTEN_HOST']}:{os.environ['MELDPUNT_GRPC_PORT']}"
    if server.add_insecure_port(address) == 0:
        sys.exit(f"{name}: cannot listen on {address}")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    server.start()
    print(f"{name}: serving on {address}", flush=True)
    while not stop.wait(0.5):
        pass
    server.stop(grace=2).wait()
    print(f"{name}: stopped", flush=True)


if __name__ == "__main__":
    main()
