#!/usr/bin/python3
"""Loads the demo data into a running Meldpunt (called by `tools/meldpunt up`).

  deploy/demo/load.py --gateway HOST:PORT --run-dir DIR

1. Territories and zones of Sint-Truiden (71053) and Hasselt (71022) from deploy/zones/, through
   intake's operator command (`meldpunt-intake import-zones`, as a Kubernetes Job would).
2. API clients, through the gateway's bootstrap command (`meldpunt-gateway create-api-client`):
   per tenant an app backend (integrator + citizen) and an administrator (tenant_admin). Their
   keys are shown once: they are written to DIR/demo/api-keys.json (mode 600) and printed.
3. The category catalogue (deploy/demo/categories.json, four languages, Open311 attributes) for
   both tenants, through the gateway with the administrator keys: the public API, as a city's
   own tooling would do it.
4. Identity (when built): the zones a domicile is placed in, per tenant a staff administrator and
   a coordinator (`meldpunt-identity create-staff`, fresh passwords written to
   DIR/demo/staff.json, mode 600), and a test eID card (DIR/demo/eid-card.json, signed by the
   test roots this demo trusts) to try VerifyEid with.
"""

import argparse
import json
import os
import secrets
import shlex
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TENANTS = [
    # NIS code, name, reference prefix, file slug
    ("71053", "Sint-Truiden", "STR", "sint-truiden"),
    ("71022", "Hasselt", "HAS", "hasselt"),
]


def read_env(path):
    """A service's env file as written by tools/meldpunt (K='V' lines, shell quoting)."""
    env = {}
    for line in Path(path).read_text().splitlines():
        if "=" in line:
            key, _, value = line.partition("=")
            env[key] = shlex.split(value)[0] if value else ""
    return env


def run_binary(binary, service_env, args):
    env = dict(os.environ)
    env.update(service_env)
    result = subprocess.run([str(binary), *args], env=env, capture_output=True, text=True,
                            timeout=300, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        sys.exit(f"load.py: {binary.name} {' '.join(args[:1])} failed:\n{result.stderr[-2000:]}")
    return result.stdout


def import_zones(intake, intake_env):
    """Territories and zones of every demo tenant, through intake's operator command."""
    for nis, name, prefix, slug in TENANTS:
        run_binary(intake, intake_env, [
            "import-zones", "--tenant-id", nis, "--tenant-name", name,
            "--reference-prefix", prefix,
            "--territory-geojson", str(REPO / "deploy" / "zones" / f"{nis}-{slug}-municipality.geojson"),
            "--zones-geojson", str(REPO / "deploy" / "zones" / f"{nis}-{slug}-deelgemeenten.geojson")])
        print(f"  zones: {name} ({nis}) territory and deelgemeenten imported")


def import_identity_zones(identity, identity_env):
    """The zones a citizen's domicile is placed in (by municipality name), per demo tenant."""
    for nis, _, _, slug in TENANTS:
        run_binary(identity, identity_env, [
            "import-zones", "--tenant-id", nis,
            "--zones-geojson", str(REPO / "deploy" / "zones" / f"{nis}-{slug}-deelgemeenten.geojson")])


def create_staff(identity, identity_env, tenant_id, username, display_name, roles, password):
    """A staff account through identity's operator command (the password goes in on stdin, never
    on the command line where `ps` shows it)."""
    env = dict(os.environ)
    env.update(identity_env)
    result = subprocess.run(
        [str(identity), "create-staff", "--tenant-id", tenant_id, "--username", username,
         "--display-name", display_name, "--staff-roles", roles],
        env=env, input=password + "\n", capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        sys.exit(f"load.py: creating staff account {username} failed:\n{result.stderr[-2000:]}")


def create_api_clients(gateway, gateway_env):
    """Per tenant an app backend and an administrator client; returns name → key info."""
    keys = {}
    for nis, name, _, slug in TENANTS:
        for kind, roles, rate in (("app-backend", "integrator", "high"),
                                  ("admin", "tenant_admin", "standard")):
            client = f"{slug}-{kind}"
            out = run_binary(gateway, gateway_env, [
                "create-api-client", "--client-name", client, "--client-tenant-ids", nis,
                "--client-roles", roles, "--client-rate-class", rate,
                "--client-request-id", f"demo-{client}"])
            key = next((w for w in out.split() if w.startswith("mpk_")), None)
            if key is None:
                sys.exit(f"load.py: no API key in the gateway's answer for {client}: {out!r}")
            keys[client] = {"tenant_id": nis, "roles": roles, "api_key": key}
    return keys


def write_private_json(run_dir, name, data):
    out_dir = run_dir / "demo"
    out_dir.mkdir(exist_ok=True)
    path = out_dir / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(data, f, indent=1)
    return path


def save_keys(run_dir, keys):
    write_private_json(run_dir, "api-keys.json", keys)


def load_identity(build_dir, run_dir):
    """Zones, staff accounts and a test card; returns the staff logins made."""
    identity = build_dir / "services" / "identity" / "meldpunt-identity"
    env = read_env(run_dir / "env" / "identity.env")
    import_identity_zones(identity, env)
    staff = []
    for nis, name, _, slug in TENANTS:
        for username, display, roles in (("beheerder", f"Beheerder {name}", "tenant_admin"),
                                         ("coordinator", f"Coordinator {name}", "coordinator")):
            password = secrets.token_urlsafe(18)
            create_staff(identity, env, nis, username, display, roles, password)
            staff.append({"tenant_id": nis, "username": username, "roles": roles,
                          "password": password})
    write_private_json(run_dir, "staff.json", staff)
    # Made together with the test roots identity trusts here (tools/meldpunt up).
    cards = run_dir / "keys" / "eid-test-cards.json"
    if cards.exists():
        card = json.loads(cards.read_text())["default"]
        write_private_json(run_dir, "eid-card.json", card)
    return staff


def python_stubs(out):
    """Python stubs of proto/ (tools/meldpunt stubs) in out, importable afterwards."""
    subprocess.run([sys.executable, str(REPO / "tools" / "meldpunt"), "stubs", "--out", str(out)],
                   check=True, capture_output=True, timeout=120)
    if str(out) not in sys.path:
        sys.path.insert(0, str(out))


def load_categories(gateway_addr, keys):
    """The catalogue for every demo tenant, through the gateway with the admin keys."""
    import grpc
    from google.protobuf import json_format
    from meldpunt.intake.v1 import category_pb2, intake_service_pb2 as pb
    from meldpunt.intake.v1 import intake_service_pb2_grpc as rpc

    def upsert(request, key):
        # Administrative calls are rate limited (burst, then about one a second): a real client
        # waits as the gateway's RetryInfo says, and so does this one.
        for _ in range(60):
            try:
                return stub.UpsertCategory(request, metadata=[("x-api-key", key)], timeout=10)
            except grpc.RpcError as e:
                if e.code() != grpc.StatusCode.RESOURCE_EXHAUSTED:
                    raise
                time.sleep(1.0)
        raise RuntimeError("still rate limited after a minute")

    catalogue = json.loads((REPO / "deploy" / "demo" / "categories.json").read_text())["categories"]
    stub = rpc.IntakeServiceStub(grpc.insecure_channel(gateway_addr))
    for nis, name, _, slug in TENANTS:
        key = keys[f"{slug}-admin"]["api_key"]
        for entry in catalogue:
            category = json_format.ParseDict(entry, category_pb2.Category())
            upsert(pb.UpsertCategoryRequest(request_id=f"demo-category-{category.code}",
                                            category=category), key)
        print(f"  categories: {len(catalogue)} for {name}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gateway", required=True, help="host:port of the gateway")
    parser.add_argument("--run-dir", required=True, type=Path)
    parser.add_argument("--build-dir", type=Path, default=REPO / "build")
    args = parser.parse_args()
    for binary in ("services/intake/meldpunt-intake", "services/gateway/meldpunt-gateway"):
        if not (args.build_dir / binary).exists():
            print(f"load.py: {binary} is not built: no demo data")
            return 0
    import_zones(args.build_dir / "services" / "intake" / "meldpunt-intake",
                 read_env(args.run_dir / "env" / "intake.env"))
    keys = create_api_clients(args.build_dir / "services" / "gateway" / "meldpunt-gateway",
                              read_env(args.run_dir / "env" / "gateway.env"))
    save_keys(args.run_dir, keys)
    python_stubs(args.run_dir / "py")
    load_categories(args.gateway, keys)
    identity = args.build_dir / "services" / "identity" / "meldpunt-identity"
    if identity.exists() and (args.run_dir / "env" / "identity.env").exists():
        staff = load_identity(args.build_dir, args.run_dir)
        print("  staff logins (LoginStaff; also in demo/staff.json, mode 600):")
        for s in staff:
            print(f"    {s['tenant_id']} {s['username']:<12} {s['roles']:<13} {s['password']}")
        print(f"  test eID card for VerifyEid: {args.run_dir}/demo/eid-card.json (base64 files)")
    print("  API keys (shown once; also in demo/api-keys.json, mode 600):")
    for client, info in keys.items():
        print(f"    {client:<24} tenant {info['tenant_id']}  roles {info['roles']:<20} {info['api_key']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
