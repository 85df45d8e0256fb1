"""Meldpunt service binaries: their names, ports, environment contract and processes.

The environment is the binaries' configuration contract (libs/config: every flag has an
environment equivalent); tools/meldpunt and the e2e tests build it here, in one place.
"""

import json
import os
import secrets
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import meldpunt_grpc
from meldpunt_proc import MeldpuntError, tail, wait_for
from meldpunt_runtime import REPO, redis_password

SERVICES = ("gateway", "intake", "identity", "dispatch", "notification", "analytics")
DEFAULT_BASE_PORT = 50050
DEFAULT_METRICS_BASE_PORT = 9460
# gRPC port = base + offset: gateway 50050, intake 50061, identity 50062 ...
_GRPC_PORT_OFFSET = {"gateway": 0, "intake": 11, "identity": 12, "dispatch": 13,
                     "notification": 14, "analytics": 15}


def grpc_port(service, base_port=DEFAULT_BASE_PORT):
    return base_port + _GRPC_PORT_OFFSET[service]


def metrics_port(service, metrics_base_port=DEFAULT_METRICS_BASE_PORT):
    return metrics_base_port + SERVICES.index(service)


def binary_path(build_dir, service):
    return Path(build_dir) / "services" / service / f"meldpunt-{service}"


def service_env(service, *, grpc_port, metrics_port, pg_dsn, migrate_pg_dsn, redis_addr,
                public_keys, signing_key=None, service_addrs=None, log_level=None, port_file=None,
                secrets_dir=None, redis_secret=None):
    """The MELDPUNT_* variables that configure one service binary.

    grpc_port 0 with a port_file: the binary binds a free port and writes it to that file once
    it listens. pg_dsn is the runtime role's, migrate_pg_dsn the migration role's (owner of the
    schema; migrations at start run with it): meldpunt_postgres.create_service_database. signing_key is given to the gateway only: it alone mints principals.
    service_addrs maps service name -> host:port of the others (gateway and service-to-service
    calls). secrets_dir: where a service's own secrets are made (identity's data key); a
    temporary folder when not given. redis_secret: the runtime Redis's ACL secret file; the
    service then logs in as its own Redis user (meldpunt_runtime.Redis).
    """
    env = {
        "MELDPUNT_GRPC_PORT": str(grpc_port),
        "MELDPUNT_LISTEN_HOST": "127.0.0.1",
        "MELDPUNT_METRICS_PORT": str(metrics_port),
        "MELDPUNT_PG_DSN": pg_dsn,
        "MELDPUNT_MIGRATE_PG_DSN": migrate_pg_dsn,
        "MELDPUNT_REDIS_ADDR": redis_addr,
        "MELDPUNT_MIGRATE": "true",
        "MELDPUNT_PRINCIPAL_PUBLIC_KEYS": public_keys,
    }
    if redis_secret:
        env["MELDPUNT_REDIS_USER"] = service
        env["MELDPUNT_REDIS_PASSWORD"] = redis_password(redis_secret, service)
    if service == "gateway" and signing_key:
        env["MELDPUNT_PRINCIPAL_SIGNING_KEY"] = signing_key
    for other, addr in (service_addrs or {}).items():
        if other != service:
            env[f"MELDPUNT_SERVICE_ADDR_{other.upper()}"] = addr
    if service == "identity":
        env["MELDPUNT_DATA_KEY_FILE"] = str(identity_data_key(secrets_dir))
    if log_level:
        env["MELDPUNT_LOG_LEVEL"] = log_level
    if port_file:
        env["MELDPUNT_PORT_FILE"] = str(port_file)
    return env


def identity_data_key(directory=None):
    """A fresh 32-byte master secret (hex) for identity's personal-data encryption, mode 600.
    Production keeps it in a Kubernetes Secret; losing it loses the encrypted national numbers."""
    directory = Path(directory or tempfile.mkdtemp(prefix="meldpunt-secrets-"))
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = directory / "identity-data.key"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_hex(32) + "\n")
    return path


def eid_test_roots(build_dir, directory, cards=None):
    """The self-made test roots that sign test eID cards (meldpunt-eid-test-card), for the demo
    and end-to-end tests only: a real deployment trusts the Belgium Root CAs instead. The roots
    are new random keys on every run, so the cards that must verify come from the same run:
    cards maps a name to card options (see the tool) and their cards are written to
    DIRECTORY/eid-test-cards.json; without cards one default card is. Returns the PEM file's
    path, or None when the tool is not built."""
    tool = Path(build_dir) / "services" / "identity" / "meldpunt-eid-test-card"
    if not tool.exists():
        return None
    directory = Path(directory)
    path = directory / "eid-test-roots.pem"
    spec = directory / "eid-test-card-options.json"
    spec.write_text(json.dumps(cards or {"default": {}}))
    subprocess.run([str(tool), "--roots-out", str(path), "--batch", str(spec),
                    "--batch-out", str(directory / "eid-test-cards.json")],
                   check=True, stdin=subprocess.DEVNULL)
    return path


def env_file_text(env):
    """Shell-sourceable (`set -a; . FILE; set +a`) form of an environment."""
    def quote(v):
        return "'" + v.replace("'", "'\\''") + "'"
    return "".join(f"{k}={quote(v)}\n" for k, v in sorted(env.items()))


class ServiceProcess:
    """One service binary started in its own session (so a terminal's Ctrl-C reaches only
    tools/meldpunt, which then stops services in order), output to a log file."""

    def __init__(self, name, binary, env, log_path):
        self.name = name
        self.binary = str(binary)
        self.env = env
        self.log_path = Path(log_path)
        self.process = None
        self.port = int(env["MELDPUNT_GRPC_PORT"]) or None

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    def start(self):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as out:
            self.process = subprocess.Popen(
                [self.binary], env={**os.environ, **self.env}, cwd=REPO,
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)
        return self

    def _exited(self):
        code = self.process.poll()
        if code is None:
            return None
        return f"exited with code {code}; last lines of {self.log_path}:\n{tail(self.log_path)}"

    def wait_port_file(self, timeout=30.0):
        """For MELDPUNT_GRPC_PORT=0: the port the binary wrote to MELDPUNT_PORT_FILE."""
        port_file = Path(self.env["MELDPUNT_PORT_FILE"])

        def read_port():
            try:
                self.port = int(port_file.read_text().strip())
                return self.port > 0
            except (OSError, ValueError):
                return False

        wait_for(f"{self.name} port file {port_file}", read_port, timeout, interval=0.05,
                 failed=self._exited)
        return self.port

    def wait_serving(self, timeout=60.0):
        """Until grpc.health.v1 Check(service="") answers SERVING."""
        if self.port is None:
            self.wait_port_file(timeout)
        try:
            wait_for(f"{self.name} health", lambda: meldpunt_grpc.health_status(
                self.address, timeout=1.0) == "SERVING", timeout, interval=0.2,
                failed=self._exited)
        except MeldpuntError as e:
            if self.process.poll() is None:
                raise MeldpuntError(f"{e}; last lines of {self.log_path}:\n"
                                    f"{tail(self.log_path)}") from None
            raise

    def stop(self, timeout=30.0):
        """SIGTERM and wait; SIGKILL after timeout. Returns the exit code (negative: signal)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def state(self):
        return {"pid": self.process.pid, "binary": self.binary, "grpc_port": self.port,
                "metrics_port": int(self.env["MELDPUNT_METRICS_PORT"]),
                "log": str(self.log_path)}


def wait_all_serving(processes, timeout=60.0):
    """Waits for several services at once (they start in parallel)."""
    deadline = time.monotonic() + timeout
    for p in processes:
        p.wait_serving(max(1.0, deadline - time.monotonic()))
