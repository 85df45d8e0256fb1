"""Meldpunt's local infrastructure: a throwaway PostgreSQL 15 + PostGIS and a Redis 7 on
loopback under a run folder, one database and one role per service, and the Ed25519 key pair
that signs verified principals.

tools/meldpunt (up, infra, test) and the e2e tests share this code, so the tests get their
servers exactly the way a developer's `tools/meldpunt up` does.

As root, PostgreSQL runs as the `postgres` user through `runuser` (it refuses to run as root);
as anyone else it runs as that user directly.
"""

import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PGBIN = Path("/usr/lib/postgresql/15/bin")
DEFAULT_PG_PORT = 55432
DEFAULT_REDIS_PORT = 56379
# The template every service database is cloned from, and the one integration tests clone.
SERVICE_TEMPLATE_DB = "meldpunt_template"
TEST_TEMPLATE_DB = "meldpunt_test_template"
# Created by the superuser in each template: PostGIS cannot be created by a database owner.
EXTENSIONS = ("postgis", "pgcrypto")
PRINCIPAL_KID = "local"
STATE_FILE = "state.json"
MARKER_FILE = ".meldpunt-run"
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class MeldpuntError(Exception):
    """A failure to report to the user as one message, without a traceback."""


def log(message):
    # Progress goes to stderr so stdout stays clean for `eval "$(tools/meldpunt infra)"`.
    print(f"meldpunt: {message}", file=sys.stderr, flush=True)


def wait_for(what, ready, timeout, interval=0.1, failed=None):
    """Polls ready() until it is true; raises after timeout seconds or as soon as failed()
    returns a reason."""
    deadline = time.monotonic() + timeout
    while not ready():
        reason = failed() if failed else None
        if reason:
            raise MeldpuntError(f"{what}: {reason}")
        if time.monotonic() >= deadline:
            raise MeldpuntError(f"{what}: not ready after {timeout:g} s")
        time.sleep(interval)


def free_port():
    """A loopback port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_in_use(port):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def cleanup_on_signals(cleanup):
    """On SIGINT / SIGTERM / SIGHUP, runs cleanup() once and exits 128 + signal. For tests:
    the servers they start are daemons or in their own sessions, so an interrupted test
    (Ctrl-C, ctest stopping it) must stop them itself or they outlive it."""
    def handler(signum, frame):
        for s in STOP_SIGNALS:
            signal.signal(s, signal.SIG_IGN)
        try:
            cleanup()
        finally:
            os._exit(128 + signum)
    for s in STOP_SIGNALS:
        signal.signal(s, handler)


def tail(path, lines=40):
    try:
        with open(path, "rb") as f:
            return b"".join(f.readlines()[-lines:]).decode(errors="replace")
    except OSError as e:
        return f"({e})"


# --- processes that are not our children (daemons, or children of another meldpunt process) ---

def pid_alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def pid_cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def terminate(processes, timeout=30.0):
    """Sends SIGTERM to each (pid, cmdline substring) whose command line still matches (a
    recycled pid is left alone), waits up to timeout for all, then SIGKILLs what is left.
    Returns the pids that had to be killed."""
    pids = [pid for pid, needle in processes if pid and needle in pid_cmdline(pid)]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + timeout
    while any(pid_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    killed = [p for p in pids if pid_alive(p)]
    for pid in killed:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return killed


# --- libpq connection strings (key=value form) ---

def make_dsn(**fields):
    def quote(v):
        v = str(v)
        if v and not re.search(r"[\s'\\]", v):
            return v
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return " ".join(f"{k}={quote(v)}" for k, v in fields.items())


def parse_dsn(dsn):
    if re.match(r"^postgres(ql)?://", dsn):
        raise MeldpuntError("use a key=value connection string, not a URI")
    fields, i, n = {}, 0, len(dsn)
    while i < n:
        while i < n and dsn[i].isspace():
            i += 1
        if i >= n:
            break
        eq = dsn.index("=", i)
        key = dsn[i:eq].strip()
        i = eq + 1
        while i < n and dsn[i].isspace():
            i += 1
        value = []
        quoted = i < n and dsn[i] == "'"
        if quoted:
            i += 1
        while i < n and (dsn[i] != "'" if quoted else not dsn[i].isspace()):
            if dsn[i] == "\\" and i + 1 < n:
                i += 1
            value.append(dsn[i])
            i += 1
        i += 1 if quoted else 0
        fields[key] = "".join(value)
    return fields


def dsn_with(dsn, **overrides):
    fields = parse_dsn(dsn)
    fields.update(overrides)
    return make_dsn(**fields)


def check_identifier(name):
    if not _IDENTIFIER.match(name):
        raise MeldpuntError(f"not a plain SQL identifier: {name!r}")
    return name


# --- PostgreSQL ---

class Postgres:
    """A cluster in <run-dir>/pg: data in data/, the unix socket and the server log beside it."""

    def __init__(self, run_dir, port):
        self.dir = Path(run_dir) / "pg"
        self.data = self.dir / "data"
        self.log_path = self.dir / "postgresql.log"
        self.port = int(port)

    @staticmethod
    def _as_owner():
        return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, args):
        result = subprocess.run(self._as_owner() + [str(a) for a in args],
                                stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                start_new_session=True)
        if result.returncode != 0:
            raise MeldpuntError(f"{Path(str(args[0])).name} failed ({result.returncode}):\n"
                                f"{result.stdout}{result.stderr}")
        return result.stdout

    def admin_dsn(self, dbname="postgres"):
        """Superuser, through the unix socket (the only way the superuser may connect)."""
        return make_dsn(host=self.dir, port=self.port, user="postgres", dbname=dbname)

    def tcp_dsn(self, dbname, user, password):
        return make_dsn(host="127.0.0.1", port=self.port, dbname=dbname, user=user,
                        password=password)

    def init(self, durable):
        """initdb, then configuration: loopback only, superuser by socket, others by password.
        durable=False turns off fsync and friends: fine for tests, lost on a crash."""
        socket_path = self.dir / f".s.PGSQL.{self.port}"
        if len(str(socket_path)) > 100:
            raise MeldpuntError(f"run dir path too long for a unix socket: {socket_path}")
        self.dir.mkdir(mode=0o755)
        os.chmod(self.dir, 0o755)
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            if subprocess.run(["runuser", "-u", "postgres", "--", "test", "-w", str(self.dir)]
                              ).returncode != 0:
                raise MeldpuntError(f"the postgres user cannot reach {self.dir}: choose a run "
                                    "dir every user can traverse, e.g. under /tmp")
        self._run([PGBIN / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust",
                   "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        self._write_config("pg_hba.conf", """\
# Written by tools/meldpunt. The superuser only through the unix socket (mode 0700: only the
# cluster's OS user can open it); every other role by password, so a service's role reaches
# only the databases it was granted CONNECT on.
local   all   postgres                  trust
local   all   all                       scram-sha-256
host    all   postgres    127.0.0.1/32  reject
host    all   all         127.0.0.1/32  scram-sha-256
""")
        settings = [
            "listen_addresses = '127.0.0.1'",
            f"port = {self.port}",
            f"unix_socket_directories = '{self.dir}'",
            "unix_socket_permissions = 0700",
            "password_encryption = scram-sha-256",
            "max_connections = 300",
        ]
        if not durable:
            settings += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
        self._write_config("meldpunt.conf", "# Written by tools/meldpunt.\n"
                           + "\n".join(settings) + "\n")
        with open(self.data / "postgresql.conf", "a") as f:
            f.write("\ninclude 'meldpunt.conf'\n")

    def _write_config(self, name, text):
        path = self.data / name
        path.write_text(text)
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(path, pw.pw_uid, pw.pw_gid)
        os.chmod(path, 0o600)

    def start(self, timeout=60):
        self._run([PGBIN / "pg_ctl", "-D", self.data, "-l", self.log_path, "-w",
                   "-t", timeout, "start"])
        wait_for("PostgreSQL", self.is_ready, timeout)
        # Every role but the superuser reaches only the databases it is granted CONNECT on.
        self.psql("REVOKE CONNECT ON DATABASE postgres, template1 FROM PUBLIC")

    def is_ready(self):
        return subprocess.run([PGBIN / "pg_isready", "-q", "-h", self.dir, "-p", str(self.port)],
                              stdin=subprocess.DEVNULL).returncode == 0

    def pid(self):
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def running(self):
        pid = self.pid()
        return pid is not None and pid_alive(pid)

    def stop(self, timeout=60):
        if self.running():
            self._run([PGBIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "-t", timeout,
                       "stop"])

    def psql(self, sql, dbname="postgres"):
        """run_psql() as the superuser."""
        return run_psql(self.admin_dsn(dbname), sql)

    def create_template(self, name):
        """A database with the extensions, marked as template for cheap clones."""
        check_identifier(name)
        self.psql(f"CREATE DATABASE {name}")
        self.psql("".join(f"CREATE EXTENSION IF NOT EXISTS {e};\n" for e in EXTENSIONS),
                  dbname=name)
        self.psql(f"ALTER DATABASE {name} IS_TEMPLATE true;\n"
                  f"REVOKE CONNECT ON DATABASE {name} FROM PUBLIC")

    def create_owned_database(self, role, password, template):
        """create_owned_database() on this cluster; returns the role's DSN over TCP."""
        create_owned_database(self.admin_dsn(), role, password, template)
        return self.tcp_dsn(role, role, password)


def create_owned_database(admin_dsn, role, password, template, dbname=None):
    """A login role and a database it owns that only it (and the superuser) may connect to,
    cloned from a template that already has the extensions."""
    dbname = check_identifier(dbname or role)
    check_identifier(role)
    check_identifier(template)
    if not re.match(r"^[A-Za-z0-9_-]+$", password):
        raise MeldpuntError("passwords must be URL-safe tokens (generate_password())")
    run_psql(admin_dsn, f"""CREATE ROLE {role} LOGIN PASSWORD '{password}';
CREATE DATABASE {dbname} OWNER {role} TEMPLATE {template};
REVOKE ALL ON DATABASE {dbname} FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE {dbname} TO {role};
""")


def drop_owned_database(admin_dsn, role, dbname=None):
    dbname = check_identifier(dbname or role)
    run_psql(admin_dsn, f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE);\n"
                        f"DROP ROLE IF EXISTS {check_identifier(role)};\n")


def run_psql(dsn, sql):
    """Runs SQL through psql (statements separated by ';' are sent one by one, so CREATE
    DATABASE works) and returns unaligned, tuples-only output; MeldpuntError on failure."""
    result = subprocess.run([PGBIN / "psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
                             "-d", dsn, "-f", "-"],
                            input=sql, capture_output=True, text=True)
    if result.returncode != 0:
        raise MeldpuntError(f"psql: {result.stderr.strip()}")
    return result.stdout


def generate_password():
    return secrets.token_urlsafe(24)


# --- Redis ---

class Redis:
    """A redis-server daemon in <run-dir>/redis, without persistence (throwaway)."""

    def __init__(self, run_dir, port):
        self.dir = Path(run_dir) / "redis"
        self.pidfile = self.dir / "redis.pid"
        self.log_path = self.dir / "redis.log"
        self.port = int(port)

    @property
    def addr(self):
        return f"127.0.0.1:{self.port}"

    def start(self, timeout=15):
        self.dir.mkdir(mode=0o700)
        result = subprocess.run(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port),
             "--dir", str(self.dir), "--daemonize", "yes", "--pidfile", str(self.pidfile),
             "--logfile", str(self.log_path), "--save", "", "--appendonly", "no"],
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
                return s.recv(64).startswith(b"+PONG")
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


def write_secret(path, text):
    """Writes a file only its owner can read (passwords, DSNs)."""
    path = Path(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.chmod(path, 0o600)


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
