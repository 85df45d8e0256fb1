"""Meldpunt's local infrastructure besides PostgreSQL (meldpunt_postgres): a Redis 7 on
loopback (with an append-only file in the run folder), the Ed25519 key pair that signs verified principals, and the run folder whose
state file lets `tools/meldpunt stop` and `status` work from another shell.

tools/meldpunt (up, infra, test) and the e2e tests share this code, so the tests get their
servers exactly the way a developer's `tools/meldpunt up` does.
"""

import hashlib
import hmac
import json
import os
import secrets
import shutil
import socket
import subprocess
from pathlib import Path

from meldpunt_postgres import Postgres
from meldpunt_proc import MeldpuntError, log, pid_alive, pid_cmdline, tail, terminate, wait_for

REPO = Path(__file__).resolve().parents[2]
DEFAULT_REDIS_PORT = 56379
PRINCIPAL_KID = "local"
STATE_FILE = "state.json"
MARKER_FILE = ".meldpunt-run"


# --- Redis ---

class Redis:
    """A redis-server daemon in <run-dir>/redis. It keeps an append-only file there
    (appendfsync everysec), as a production Redis should: the event streams hold entries the
    outbox already marked published, and a Redis that restarts empty makes the relays send them
    all again (libs/events). Closed to
    anonymous clients: every service has an ACL user of its own (its name), with a password
    derived from the run's secret (<run-dir>/redis/acl-secret), so a leaked password opens one
    service's identity only and the runtime looks like a production Redis."""

    def __init__(self, run_dir, port):
        self.dir = Path(run_dir) / "redis"
        self.pidfile = self.dir / "redis.pid"
        self.log_path = self.dir / "redis.log"
        self.port = int(port)

    @property
    def addr(self):
        return f"127.0.0.1:{self.port}"

    @property
    def secret_path(self):
        return self.dir / "acl-secret"

    def password(self, user):
        return redis_password(self.secret_path, user)

    def start(self, timeout=15):
        self.dir.mkdir(mode=0o700)
        fd = os.open(self.secret_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
        # An ACL file (mode 600), so no password shows in the process list. Every user may use
        # every command and key for now; narrowing each to its own keys is future work. The
        # event path needs XADD XRANGE XINFO EXISTS (relay) and XGROUP XREADGROUP XACK
        # XAUTOCLAIM XINFO (consumers); the tests' user FLUSHALL too.
        acl = "user default off\n" + "".join(
            f"user {user} on >{self.password(user)} ~* &* +@all\n" for user in REDIS_USERS)
        acl_path = self.dir / "users.acl"
        fd = os.open(acl_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(acl)
        result = subprocess.run(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port),
             "--dir", str(self.dir), "--daemonize", "yes", "--pidfile", str(self.pidfile),
             "--logfile", str(self.log_path), "--save", "", "--appendonly", "yes",
             "--appendfsync", "everysec",
             "--aclfile", str(acl_path)],
            stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if result.returncode != 0:
            raise MeldpuntError(f"redis-server failed: {result.stdout}{result.stderr}")
        wait_for("Redis", lambda: self.ping() and self.pid() is not None, timeout,
                 failed=lambda: None if self.pid() is None or self.running()
                 else f"exited; log:\n{tail(self.log_path)}")

    def ping(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                answer = s.recv(64)
                # Anonymous clients are refused: NOAUTH means it is up.
                return answer.startswith(b"+PONG") or answer.startswith(b"-NOAUTH")
        except OSError:
            return False

    def pid(self):
        try:
            return int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return None

    def running(self):
        pid = self.pid()
        return pid is not None and "redis-server" in pid_cmdline(pid)

    def stop(self, timeout=15):
        if terminate([(self.pid(), "redis-server")], timeout):
            log("Redis did not stop on SIGTERM; killed it")


# The ACL users of the runtime's Redis: one per service, and one for tests that look inside.
REDIS_USERS = ("gateway", "intake", "identity", "dispatch", "notification", "analytics", "tests")


def redis_password(secret_path, user):
    """The password of user in the Redis whose secret is at secret_path (HMAC-SHA256)."""
    secret = Path(secret_path).read_text().strip().encode()
    return hmac.new(secret, user.encode(), hashlib.sha256).hexdigest()


# --- principal keys ---

def generate_principal_keys(directory):
    """An Ed25519 key pair for signing verified principals. Returns (signing_key_spec,
    public_keys_spec) in the `kid:/path.pem` form the services' configuration takes."""
    directory = Path(directory)
    directory.mkdir(mode=0o700, exist_ok=True)
    private, public = directory / "principal-ed25519.pem", directory / "principal-ed25519.pub.pem"
    old_umask = os.umask(0o077)
    try:
        subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", str(private)],
                       check=True, stdin=subprocess.DEVNULL)
    finally:
        os.umask(old_umask)
    os.chmod(private, 0o600)
    subprocess.run(["openssl", "pkey", "-in", str(private), "-pubout", "-out", str(public)],
                   check=True, stdin=subprocess.DEVNULL)
    os.chmod(public, 0o644)
    return f"{PRINCIPAL_KID}:{private}", f"{PRINCIPAL_KID}:{public}"


# --- the run folder and its state file ---

class RunDir:
    """A run folder: the servers' files plus state.json, which records what runs there so that
    `tools/meldpunt stop` and `status` work from another shell."""

    def __init__(self, path):
        self.path = Path(path).absolute()
        self.state_path = self.path / STATE_FILE

    def load_state(self):
        try:
            return json.loads(self.state_path.read_text())
        except (OSError, ValueError):
            return None

    def save_state(self, state):
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=2) + "\n")
        tmp.replace(self.state_path)

    def postgres(self, state):
        return Postgres(self.path, state["pg_port"])

    def redis(self, state):
        return Redis(self.path, state["redis_port"])

    def alive(self, state=None):
        """Descriptions of what still runs according to the state file."""
        state = state or self.load_state()
        if not state:
            return []
        found = []
        owner = state.get("owner_pid")
        if owner and pid_alive(owner) and "meldpunt" in pid_cmdline(owner):
            found.append(f"tools/meldpunt {state.get('kind')} (pid {owner})")
        for name, svc in state.get("services", {}).items():
            if pid_alive(svc["pid"]) and svc["binary"] in pid_cmdline(svc["pid"]):
                found.append(f"{name} (pid {svc['pid']})")
        if self.redis(state).running():
            found.append(f"Redis (pid {self.redis(state).pid()})")
        if self.postgres(state).running():
            found.append(f"PostgreSQL (pid {self.postgres(state).pid()})")
        return found

    def prepare_fresh(self):
        """Empties the folder for a new run, refusing if something still runs there or if it
        holds anything that is not ours."""
        if self.path.exists():
            running = self.alive()
            if running:
                raise MeldpuntError(f"{self.path} is in use ({', '.join(running)}); stop it "
                                    f"with: tools/meldpunt stop --run-dir {self.path}")
            if self.path.stat().st_uid != os.geteuid():
                raise MeldpuntError(f"{self.path} belongs to another user")
            if any(self.path.iterdir()) and not (self.path / MARKER_FILE).exists():
                raise MeldpuntError(f"{self.path} is not empty and is not a Meldpunt run dir; "
                                    "not wiping it")
            shutil.rmtree(self.path)
        self.path.mkdir(parents=True, mode=0o755)
        os.chmod(self.path, 0o755)  # PostgreSQL runs as another user when we are root
        (self.path / MARKER_FILE).write_text("A throwaway Meldpunt run folder "
                                             "(tools/meldpunt). Wiped on the next run.\n")

    def stop(self, service_timeout=30.0):
        """Stops everything the state file records: services (SIGTERM, then SIGKILL after the
        timeout), Redis, PostgreSQL (fast shutdown). Idempotent."""
        state = self.load_state()
        if not state:
            return
        services = state.get("services", {})
        if services:
            pids = [(s["pid"], s["binary"]) for s in services.values()]
            for pid in terminate(pids, service_timeout):
                log(f"pid {pid} did not stop within {service_timeout:g} s; killed it")
        self.redis(state).stop()
        self.postgres(state).stop()
        state["services"] = {}
        state["stopped"] = True
        self.save_state(state)
