"""A throwaway PostgreSQL 15 cluster with PostGIS for the local runtime and tests, and the
per-service roles (a migration role and a runtime role each) and databases in it.

As root, PostgreSQL runs as the `postgres` user through `runuser` (it refuses to run as root);
as anyone else it runs as that user directly.
"""

import os
import pwd
import re
import secrets
import subprocess
from pathlib import Path

from meldpunt_proc import MeldpuntError, pid_alive, wait_for

PGBIN = Path("/usr/lib/postgresql/15/bin")
DEFAULT_PG_PORT = 55432
# The template every service database is cloned from, and the one integration tests clone.
SERVICE_TEMPLATE_DB = "meldpunt_template"
TEST_TEMPLATE_DB = "meldpunt_test_template"
# Created by the superuser in each template: PostGIS cannot be created by a database owner.
EXTENSIONS = ("postgis", "pgcrypto")

# Row-level security makes the planner keep every non-LEAKPROOF function of a query above the
# policy's filter, and PostGIS's bounding-box operators are not marked LEAKPROOF: a spatial
# index is then never used on an RLS table, and every ST_DWithin scans the whole table (measured:
# 7 ms instead of 0.2 ms per duplicate search, see BENCHMARKS.md). The box-overlap functions
# compare two bounding boxes and raise no data-dependent error, so they are declared LEAKPROOF
# (a superuser act: here and in a production cluster's bootstrap, not in a service's migration).
POSTGIS_RLS_SETUP = (
    "ALTER FUNCTION geography_overlaps(geography, geography) LEAKPROOF;\n"
    "ALTER FUNCTION geometry_overlaps(geometry, geometry) LEAKPROOF;\n")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


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
        self.psql(POSTGIS_RLS_SETUP, dbname=name)
        self.psql(f"ALTER DATABASE {name} IS_TEMPLATE true;\n"
                  f"REVOKE CONNECT ON DATABASE {name} FROM PUBLIC")

    def create_service_database(self, role, password, owner_password, template):
        """create_service_database() on this cluster; returns (runtime DSN, migration DSN),
        both over TCP."""
        create_service_database(self.admin_dsn(), role, password, owner_password, template)
        return (self.tcp_dsn(role, role, password),
                self.tcp_dsn(role, owner_role(role), owner_password))


def owner_role(role):
    """The migration role beside a service's runtime role: meldpunt_intake_owner."""
    return check_identifier(f"{role}_owner")


def create_service_database(admin_dsn, role, password, owner_password, template, dbname=None):
    """A service's database (cloned from a template that already has the extensions) and its two
    login roles, the only ones besides the superuser that may connect to it:

    - owner_role(role), the migration role: owns the database and so schema public (PostgreSQL
      15: pg_database_owner); migrations run as it, so it owns every table, sequence and function;
    - role, the runtime role the service serves with: CONNECT only, no CREATE anywhere (not even
      temporary tables), owns nothing, so row-level security binds it and it cannot switch it
      off. The owner's default privileges give it SELECT, INSERT, UPDATE, DELETE on every table
      and USAGE on every sequence the migrations create, now and in later migrations.

    Returns (runtime DSN, migration DSN) as admin_dsn connects (its host and port)."""
    dbname = check_identifier(dbname or role)
    owner = owner_role(check_identifier(role))
    check_identifier(template)
    for p in (password, owner_password):
        if not re.match(r"^[A-Za-z0-9_-]+$", p):
            raise MeldpuntError("passwords must be URL-safe tokens (generate_password())")
    run_psql(admin_dsn, f"""CREATE ROLE {owner} LOGIN PASSWORD '{owner_password}';
CREATE ROLE {role} LOGIN PASSWORD '{password}';
CREATE DATABASE {dbname} OWNER {owner} TEMPLATE {template};
REVOKE ALL ON DATABASE {dbname} FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE {dbname} TO {owner};
GRANT CONNECT ON DATABASE {dbname} TO {role};
""")
    # Default privileges are per database: on a connection to it. They belong to the owner (FOR
    # ROLE), as if it had set them itself.
    run_psql(dsn_with(admin_dsn, dbname=dbname), f"""
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public GRANT USAGE ON SEQUENCES TO {role};
""")
    return (dsn_with(admin_dsn, dbname=dbname, user=role, password=password),
            dsn_with(admin_dsn, dbname=dbname, user=owner, password=owner_password))


def drop_service_database(admin_dsn, role, dbname=None):
    """The database first: the default privileges that name the runtime role go with it."""
    dbname = check_identifier(dbname or role)
    run_psql(admin_dsn, f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE);\n"
                        f"DROP ROLE IF EXISTS {check_identifier(role)};\n"
                        f"DROP ROLE IF EXISTS {owner_role(role)};\n")


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
