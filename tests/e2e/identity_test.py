#!/usr/bin/python3
"""End to end: identity behind the gateway. The real meldpunt-identity and meldpunt-gateway
binaries, each with its own database and role, the gateway verifying people's tokens with the
keys identity publishes (GetSigningKeys), driven by python3-grpcio with API keys as the app
backend would. Test eID cards come from meldpunt-eid-test-card (self-made roots, trusted here
only).

  /usr/bin/python3 tests/e2e/identity_test.py --identity BIN --gateway BIN --card-tool BIN

Also the log check the identity issue asks for: after full eID registrations, logins and profile
changes, neither service's log holds the national number, a name, the address or the e-mail.

Needs MELDPUNT_TEST_PG_ADMIN_DSN and MELDPUNT_TEST_REDIS_ADDR (set by `tools/meldpunt test`).
"""

import argparse
import base64
import datetime
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import unittest
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools" / "pylib"))
sys.path.insert(0, str(REPO / "deploy" / "demo"))
import grpc  # noqa: E402

import load as demo  # noqa: E402
from meldpunt_postgres import (  # noqa: E402
    TEST_TEMPLATE_DB, create_service_database, drop_service_database, generate_password)
from meldpunt_proc import free_port, tail  # noqa: E402
from meldpunt_runtime import generate_principal_keys  # noqa: E402
from meldpunt_services import ServiceProcess, eid_test_roots, service_env  # noqa: E402

ARGS = None
SUITE = None

# People who exist only here; their details are searched for in the logs afterwards, so they are
# chosen not to occur anywhere else by chance.
PERSON = {"surname": "Vanderzwalmen", "first-names": "Gudrunhilde Testa",
          "street": "Klaproosweidestraat 77 bus 4", "postal-code": "3800",
          "municipality": "Sint-Truiden"}
EMAIL = "gudrunhilde.vanderzwalmen@example.org"


def national_number(yymmdd, counter, year2000=False):
    """11 digits with the checksum of docs/eid.md (97 - n mod 97; 2 prefixed from 2000)."""
    base = f"{yymmdd}{counter:03d}"
    n = int(("2" if year2000 else "") + base)
    return base + f"{97 - n % 97:02d}"


def dotted(nn):
    return f"{nn[0:2]}.{nn[2:4]}.{nn[4:6]}-{nn[6:9]}.{nn[9:11]}"


def error_info(error):
    from google.rpc import error_details_pb2, status_pb2
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_pb2.Status.FromString(value)
            for detail in status.details:
                info = error_details_pb2.ErrorInfo()
                if detail.Unpack(info):
                    return info
    return error_details_pb2.ErrorInfo()


def reason(error):
    return error_info(error).reason


def card_options(nonce):
    """The cards the tests use, by name (options of meldpunt-eid-test-card)."""
    def person(nn, birth, gender, kind="rsa", **extra):
        return {**PERSON, "national-number": nn, "birth-date": birth, "gender": gender,
                "kind": kind, **extra}
    return {
        "main": person(national_number("750412", 123), "12 APR 1975", "M"),
        # The same person with the card present (a PIN-signed challenge of its own).
        "main_present": person(national_number("750412", 123), "12 APR 1975", "M", kind="ec",
                               **{"challenge-nonce-hex": bytes(reversed(nonce)).hex()}),
        "logout": person(national_number("880101", 244), "01 JAN 1988", "V"),
        "challenge": person(national_number("020202", 118, year2000=True), "02 FEB 2002", "V",
                            kind="ec", **{"challenge-nonce-hex": nonce.hex()}),
        "two_tenants": person(national_number("600606", 87), "06 JUN 1960", "M"),
    }


class Suite:
    def __init__(self):
        admin_dsn = os.environ.get("MELDPUNT_TEST_PG_ADMIN_DSN")
        redis_addr = os.environ.get("MELDPUNT_TEST_REDIS_ADDR")
        if not admin_dsn or not redis_addr:
            raise RuntimeError("run through `tools/meldpunt test` (needs MELDPUNT_TEST_* servers)")
        self.admin_dsn = admin_dsn
        self.dir = Path(tempfile.mkdtemp(prefix="meldpunt-identity-e2e-"))
        self.roles, self.services, self.envs = [], {}, {}
        signing_key, public_keys = generate_principal_keys(self.dir / "keys")
        build_dir = Path(ARGS.card_tool).parents[2]
        addresses = {}
        for name, binary in (("identity", ARGS.identity), ("gateway", ARGS.gateway)):
            role = f"e2e_{name}_{uuid.uuid4().hex[:8]}"
            password = generate_password()
            dsn, migrate_dsn = create_service_database(
                admin_dsn, role, password, generate_password(), TEST_TEMPLATE_DB)
            self.roles.append(role)
            env = service_env(name, grpc_port=0, port_file=self.dir / f"{name}.port",
                              metrics_port=free_port(),
                              pg_dsn=dsn, migrate_pg_dsn=migrate_dsn,
                              redis_addr=redis_addr, redis_secret=os.environ.get("MELDPUNT_TEST_REDIS_SECRET"),
                              public_keys=public_keys,
                              signing_key=signing_key, service_addrs=dict(addresses),
                              secrets_dir=self.dir / "keys")
            if name == "identity":
                # Roots and every card the tests use come from one run of the card tool.
                self.nonce = secrets.token_bytes(32)
                roots = eid_test_roots(build_dir, self.dir / "keys", card_options(self.nonce))
                self.cards = json.loads((self.dir / "keys" / "eid-test-cards.json").read_text())
                env["MELDPUNT_EID_TRUSTED_ROOTS"] = str(roots)
            self.envs[name] = env
            service = ServiceProcess(name, binary, env, self.dir / f"{name}.log")
            self.services[name] = service
            service.start()
            service.wait_serving(60)
            addresses[name] = service.address
        self.keys = demo.create_api_clients(ARGS.gateway, self.envs["gateway"])
        demo.import_identity_zones(ARGS.identity, self.envs["identity"])
        self.staff_password = "correct horse battery staple 71053"
        demo.create_staff(ARGS.identity, self.envs["identity"], "71053", "beheerder",
                          "Beheerder Sint-Truiden", "tenant_admin", self.staff_password)
        demo.python_stubs(self.dir / "py")
        self.channel = grpc.insecure_channel(self.services["gateway"].address)
        from meldpunt.identity.v1 import identity_service_pb2_grpc as rpc
        self.identity = rpc.IdentityServiceStub(self.channel)

    def api_key(self, client="sint-truiden-app-backend"):
        return [("x-api-key", self.keys[client]["api_key"])]

    @staticmethod
    def bearer(tokens):
        return [("authorization", f"Bearer {tokens.access_token}")]

    def card(self, name):
        """The test card made at start-up under name, as EidCardFiles (+ EidCardChallenge)."""
        data = self.cards[name]
        from meldpunt.identity.v1 import eid_pb2
        files = eid_pb2.EidCardFiles(**{k: base64.b64decode(data[k]) for k in (
            "identity_file", "identity_signature", "address_file", "address_signature",
            "rrn_certificate", "photo")})
        challenge = None
        if "challenge" in data:
            challenge = eid_pb2.EidCardChallenge(
                nonce=base64.b64decode(data["challenge"]["nonce"]),
                basic_public_key_file=base64.b64decode(data["challenge"]["basic_public_key_file"]),
                signature=base64.b64decode(data["challenge"]["signature"]))
            challenge.nonce_created_at.GetCurrentTime()
        return files, challenge

    def logs(self):
        return {name: s.log_path.read_text(errors="replace") for name, s in self.services.items()}

    def close(self):
        for service in reversed(list(self.services.values())):
            if service.process:
                service.stop()
            print(f"--- {service.name} log ---\n{tail(service.log_path, 15)}", file=sys.stderr)
        for role in self.roles:
            drop_service_database(self.admin_dsn, role)
        shutil.rmtree(self.dir, ignore_errors=True)


def pb():
    from meldpunt.identity.v1 import identity_service_pb2
    return identity_service_pb2


class IdentityEndToEnd(unittest.TestCase):
    def verify(self, files, challenge=None, client="sint-truiden-app-backend"):
        req = pb().VerifyEidRequest(card=files)
        if challenge is not None:
            req.challenge.CopyFrom(challenge)
        return SUITE.identity.VerifyEid(req, metadata=SUITE.api_key(client), timeout=20)

    def assertFails(self, code, expected_reason, call, *args, **kwargs):
        with self.assertRaises(grpc.RpcError) as caught:
            call(*args, **kwargs)
        self.assertEqual(caught.exception.code(), code, caught.exception.details())
        if expected_reason:
            self.assertEqual(reason(caught.exception), expected_reason)
        return caught.exception

    def test_eid_registration_profile_and_session_lifecycle(self):
        nn = national_number("750412", 123)
        files, _ = SUITE.card("main")
        first = self.verify(files)
        self.assertTrue(first.created)
        self.assertEqual(first.citizen.national_number, dotted(nn))  # the owner sees it whole
        self.assertEqual(first.citizen.family_name, PERSON["surname"])
        self.assertEqual(first.citizen.official_address.street, "Klaproosweidestraat")
        self.assertEqual(first.citizen.official_address.box, "4")
        self.assertEqual(first.citizen.birth_date, "1975-04-12")
        self.assertEqual(first.citizen.zone_id, "71053A")  # domicile placed in Sint-Truiden (Dg.)
        self.assertEqual(first.assurance_level, 1)  # EID_DATA
        again = self.verify(files)
        self.assertFalse(again.created)
        self.assertEqual(again.citizen.id, first.citizen.id)

        # Card files alone may be copies: by the default policy that session neither reads nor
        # changes the profile, and the refusal names the level it needs.
        from meldpunt.common.v1 import channel_pb2
        for call, request in ((SUITE.identity.GetCitizen, pb().GetCitizenRequest()),
                              (SUITE.identity.UpdateCitizenProfile,
                               pb().UpdateCitizenProfileRequest(email="someone@else.example"))):
            refused = self.assertFails(grpc.StatusCode.PERMISSION_DENIED, "ASSURANCE_LEVEL_TOO_LOW",
                                       call, request, metadata=Suite.bearer(again.tokens),
                                       timeout=10)
            self.assertEqual(error_info(refused).metadata["required_level"], "EID_CHALLENGE")
            self.assertEqual(error_info(refused).metadata["current_level"], "EID_DATA")
        # ... and a refresh does not make the session stronger.
        refreshed = SUITE.identity.RefreshSession(
            pb().RefreshSessionRequest(refresh_token=again.tokens.refresh_token),
            metadata=SUITE.api_key(), timeout=10).tokens
        self.assertFails(grpc.StatusCode.PERMISSION_DENIED, "ASSURANCE_LEVEL_TOO_LOW",
                         SUITE.identity.UpdateCitizenProfile,
                         pb().UpdateCitizenProfileRequest(email="someone@else.example"),
                         metadata=Suite.bearer(refreshed), timeout=10)

        # With the card present the citizen reads and changes their profile.
        files_present, challenge = SUITE.card("main_present")
        again = self.verify(files_present, challenge)
        self.assertEqual(again.citizen.id, first.citizen.id)
        self.assertEqual(again.assurance_level, 2)  # EID_CHALLENGE
        me = SUITE.identity.GetCitizen(pb().GetCitizenRequest(),
                                       metadata=Suite.bearer(again.tokens), timeout=10)
        self.assertEqual(me.citizen.id, first.citizen.id)
        self.assertEqual(me.citizen.national_number, dotted(nn))
        update = pb().UpdateCitizenProfileRequest(email=EMAIL,
                                                  preferred_channel=channel_pb2.CONTACT_CHANNEL_EMAIL)
        update.consents.add(topic="participation.mobility", granted=True)
        changed = SUITE.identity.UpdateCitizenProfile(update, metadata=Suite.bearer(again.tokens),
                                                      timeout=10)
        self.assertEqual(changed.citizen.contact.email, EMAIL)
        self.assertEqual([c.topic for c in changed.citizen.consents if c.granted],
                         ["participation.mobility"])
        # A later data-only login leaves the stored level, and its answer shows only what the
        # card itself says, not the e-mail address or the consents.
        weak = self.verify(files)
        self.assertEqual(weak.assurance_level, 1)  # this login: EID_DATA
        self.assertEqual(weak.citizen.assurance_level, 2)  # the profile keeps EID_CHALLENGE
        self.assertEqual(weak.citizen.family_name, PERSON["surname"])
        self.assertEqual(weak.citizen.contact.email, "")
        self.assertEqual(list(weak.citizen.consents), [])

        # Staff read it masked, with a reason (audited by identity).
        staff = SUITE.identity.LoginStaff(
            pb().LoginStaffRequest(tenant_id="71053", username="BEHEERDER",
                                   password=SUITE.staff_password),
            metadata=SUITE.api_key(), timeout=20)
        seen = SUITE.identity.GetCitizen(
            pb().GetCitizenRequest(citizen_id=first.citizen.id, access_reason="callback request"),
            metadata=Suite.bearer(staff.tokens), timeout=10)
        self.assertEqual(seen.citizen.national_number, "**.**.**-*" + dotted(nn)[-5:])
        self.assertFails(grpc.StatusCode.INVALID_ARGUMENT, "ACCESS_REASON_REQUIRED",
                         SUITE.identity.GetCitizen,
                         pb().GetCitizenRequest(citizen_id=first.citizen.id),
                         metadata=Suite.bearer(staff.tokens), timeout=10)

        # Refresh rotates; replaying the spent refresh token ends the whole session, and the
        # gateway then refuses the session's access tokens too.
        rotated = SUITE.identity.RefreshSession(
            pb().RefreshSessionRequest(refresh_token=again.tokens.refresh_token),
            metadata=SUITE.api_key(), timeout=10).tokens
        self.assertNotEqual(rotated.refresh_token, again.tokens.refresh_token)
        SUITE.identity.GetCitizen(pb().GetCitizenRequest(), metadata=Suite.bearer(rotated),
                                  timeout=10)
        self.assertFails(grpc.StatusCode.UNAUTHENTICATED, "REFRESH_TOKEN_REUSED",
                         SUITE.identity.RefreshSession,
                         pb().RefreshSessionRequest(refresh_token=again.tokens.refresh_token),
                         metadata=SUITE.api_key(), timeout=10)
        self.assertFails(grpc.StatusCode.UNAUTHENTICATED, "",
                         SUITE.identity.RefreshSession,
                         pb().RefreshSessionRequest(refresh_token=rotated.refresh_token),
                         metadata=SUITE.api_key(), timeout=10)
        self.assertFails(grpc.StatusCode.UNAUTHENTICATED, "TOKEN_REVOKED",
                         SUITE.identity.GetCitizen, pb().GetCitizenRequest(),
                         metadata=Suite.bearer(rotated), timeout=10)

    def test_logout_revokes_access_tokens_at_the_gateway(self):
        files, _ = SUITE.card("logout")
        tokens = self.verify(files).tokens
        # The gateway takes the token (the refusal is identity's, on the data-only level) ...
        self.assertFails(grpc.StatusCode.PERMISSION_DENIED, "ASSURANCE_LEVEL_TOO_LOW",
                         SUITE.identity.GetCitizen, pb().GetCitizenRequest(),
                         metadata=Suite.bearer(tokens), timeout=10)
        SUITE.identity.RevokeSession(pb().RevokeSessionRequest(session_id=tokens.session_id),
                                     metadata=Suite.bearer(tokens), timeout=10)
        self.assertFails(grpc.StatusCode.UNAUTHENTICATED, "TOKEN_REVOKED",
                         SUITE.identity.GetCitizen, pb().GetCitizenRequest(),
                         metadata=Suite.bearer(tokens), timeout=10)

    def test_card_challenge_raises_assurance_and_is_single_use(self):
        files, challenge = SUITE.card("challenge")
        answer = self.verify(files, challenge)
        self.assertEqual(answer.assurance_level, 2)  # EID_CHALLENGE
        self.assertFails(grpc.StatusCode.UNAUTHENTICATED, "EID_CHALLENGE_REPLAYED",
                         self.verify, files, challenge)

    def test_tampered_card_is_refused_with_its_reason(self):
        files, _ = SUITE.card("main")
        tampered = bytearray(files.identity_file)
        index = bytes(tampered).find(PERSON["surname"].encode())
        tampered[index] ^= 0x01
        files.identity_file = bytes(tampered)
        self.assertFails(grpc.StatusCode.UNAUTHENTICATED, "EID_IDENTITY_SIGNATURE_INVALID",
                         self.verify, files)

    def test_tenants_are_apart(self):
        files, _ = SUITE.card("two_tenants")
        st = self.verify(files)
        hasselt = self.verify(files, client="hasselt-app-backend")
        self.assertTrue(hasselt.created)  # one profile per municipality
        self.assertNotEqual(hasselt.citizen.id, st.citizen.id)
        self.assertEqual(hasselt.citizen.zone_id, "")  # a Sint-Truiden domicile is not in Hasselt
        # A Hasselt token cannot read the Sint-Truiden profile, nor refresh its session.
        self.assertFails(grpc.StatusCode.NOT_FOUND, "CITIZEN_NOT_FOUND",
                         SUITE.identity.GetCitizen,
                         pb().GetCitizenRequest(citizen_id=st.citizen.id),
                         metadata=Suite.bearer(hasselt.tokens), timeout=10)
        self.assertFails(grpc.StatusCode.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID",
                         SUITE.identity.RefreshSession,
                         pb().RefreshSessionRequest(refresh_token=st.tokens.refresh_token),
                         metadata=SUITE.api_key("hasselt-app-backend"), timeout=10)
        # The Sint-Truiden staff account does not exist for Hasselt's app backend.
        self.assertFails(grpc.StatusCode.PERMISSION_DENIED, "",
                         SUITE.identity.LoginStaff,
                         pb().LoginStaffRequest(tenant_id="71053", username="beheerder",
                                                password=SUITE.staff_password),
                         metadata=SUITE.api_key("hasselt-app-backend"), timeout=10)

    def test_internal_methods_are_not_reachable_through_the_gateway(self):
        for request, call in ((pb().ResolveContactsRequest(citizen_ids=[str(uuid.uuid4())]),
                               SUITE.identity.ResolveContacts),
                              (pb().CountCitizensRequest(), SUITE.identity.CountCitizens)):
            with self.assertRaises(grpc.RpcError) as caught:
                call(request, metadata=SUITE.api_key("sint-truiden-admin"), timeout=10)
            self.assertIn(caught.exception.code(), (grpc.StatusCode.PERMISSION_DENIED,
                                                    grpc.StatusCode.UNIMPLEMENTED,
                                                    grpc.StatusCode.NOT_FOUND))

    def test_wrong_password_locks_the_account(self):
        demo.create_staff(ARGS.identity, SUITE.envs["identity"], "71053", "loket1",
                          "Loket 1", "front_office", "another long passphrase 1")
        def wrong():
            return SUITE.identity.LoginStaff(
                pb().LoginStaffRequest(tenant_id="71053", username="loket1", password="guess"),
                metadata=SUITE.api_key(), timeout=20)
        for _ in range(4):
            self.assertFails(grpc.StatusCode.UNAUTHENTICATED, "INVALID_CREDENTIALS", wrong)
        # The fifth failure locks the account, and then even the right password is refused.
        self.assertFails(grpc.StatusCode.UNAUTHENTICATED, "ACCOUNT_LOCKED", wrong)
        self.assertFails(grpc.StatusCode.UNAUTHENTICATED, "ACCOUNT_LOCKED",
                         SUITE.identity.LoginStaff,
                         pb().LoginStaffRequest(tenant_id="71053", username="loket1",
                                                password="another long passphrase 1"),
                         metadata=SUITE.api_key(), timeout=20)

    def test_zz_logs_hold_no_personal_data(self):
        """Runs last (name order): every flow above has written its log lines by now."""
        nn = national_number("750412", 123)
        secrets_in_play = [nn, dotted(nn), PERSON["surname"], "Gudrunhilde", "Klaproosweide",
                           EMAIL, national_number("600606", 87), national_number("880101", 244)]
        # Stopped first: a stopped service has written every line it ever will.
        for service in SUITE.services.values():
            service.stop()
        for service, text in SUITE.logs().items():
            self.assertGreater(len(text.splitlines()), 5, f"{service} wrote almost nothing")
            for secret in secrets_in_play:
                self.assertNotIn(secret, text, f"{service} log contains personal data")


def main():
    global ARGS, SUITE
    parser = argparse.ArgumentParser()
    parser.add_argument("--identity", required=True)
    parser.add_argument("--gateway", required=True)
    parser.add_argument("--card-tool", required=True)
    ARGS, rest = parser.parse_known_args()
    SUITE = Suite()
    try:
        result = unittest.main(argv=[sys.argv[0], *rest], exit=False, verbosity=2).result
    finally:
        SUITE.close()
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
