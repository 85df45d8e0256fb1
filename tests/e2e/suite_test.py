#!/usr/bin/python3
"""End to end through the gateway: the real meldpunt-gateway and meldpunt-intake binaries, each
with its own database and role, the demo tenants' real zones and catalogue loaded the way
deploy/demo/load.py loads them, driven by python3-grpcio (a gRPC implementation that is not ours)
with API keys as city systems would.

  /usr/bin/python3 tests/e2e/suite_test.py --intake BIN --gateway BIN [unittest args]

Needs MELDPUNT_TEST_PG_ADMIN_DSN and MELDPUNT_TEST_REDIS_ADDR (set by `tools/meldpunt test`).
"""

import argparse
import math
import os
import shutil
import struct
import sys
import tempfile
import time
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
from meldpunt_proc import cleanup_on_signals, free_port, tail  # noqa: E402
from meldpunt_runtime import generate_principal_keys  # noqa: E402
from meldpunt_services import ServiceProcess, service_env  # noqa: E402

ARGS = None
SUITE = None
# Centre of Sint-Truiden (Grote Markt) and of Hasselt.
ST_TRUIDEN = (50.8163, 5.1863)
HASSELT = (50.9307, 5.3378)


class Suite:
    """gateway + intake on free ports with fresh databases; demo zones, clients, catalogue."""

    def __init__(self):
        admin_dsn, redis_addr = os.environ.get("MELDPUNT_TEST_PG_ADMIN_DSN"), os.environ.get(
            "MELDPUNT_TEST_REDIS_ADDR")
        if not admin_dsn or not redis_addr:
            raise RuntimeError("run through `tools/meldpunt test` (needs MELDPUNT_TEST_* servers)")
        self.admin_dsn = admin_dsn
        self.dir = Path(tempfile.mkdtemp(prefix="meldpunt-suite-"))
        self.roles = []
        self.services = {}
        signing_key, public_keys = generate_principal_keys(self.dir / "keys")
        self.envs = {}
        addresses = {}
        for name, binary in (("intake", ARGS.intake), ("gateway", ARGS.gateway)):
            role = f"suite_{name}_{uuid.uuid4().hex[:8]}"
            password = generate_password()
            dsn, migrate_dsn = create_service_database(
                admin_dsn, role, password, generate_password(), TEST_TEMPLATE_DB)
            self.roles.append(role)
            env = service_env(name, grpc_port=0, port_file=self.dir / f"{name}.port",
                              metrics_port=free_port(),
                              pg_dsn=dsn, migrate_pg_dsn=migrate_dsn,
                              redis_addr=redis_addr, redis_secret=os.environ.get("MELDPUNT_TEST_REDIS_SECRET"),
                              public_keys=public_keys,
                              signing_key=signing_key, service_addrs=dict(addresses))
            self.envs[name] = env
            service = ServiceProcess(name, binary, env, self.dir / f"{name}.log")
            self.services[name] = service
            service.start()
            service.wait_serving(60)
            addresses[name] = service.address
        demo.import_zones(ARGS.intake, self.envs["intake"])
        self.keys = demo.create_api_clients(ARGS.gateway, self.envs["gateway"])
        # A staff console per tenant: reads reports (the app backend, an integrator, may not).
        for nis, slug in (("71053", "sint-truiden"), ("71022", "hasselt")):
            out = demo.run_binary(ARGS.gateway, self.envs["gateway"], [
                "create-api-client", "--client-name", f"{slug}-console", "--client-tenant-ids", nis,
                "--client-roles", "coordinator", "--client-rate-class", "high"])
            self.keys[f"{slug}-console"] = {"api_key": next(w for w in out.split() if w.startswith("mpk_"))}
        demo.python_stubs(self.dir / "py")
        demo.load_categories(self.services["gateway"].address, self.keys)
        self.channel = grpc.insecure_channel(self.services["gateway"].address)
        from meldpunt.intake.v1 import intake_service_pb2_grpc as rpc
        self.intake = rpc.IntakeServiceStub(self.channel)

    def key(self, client):
        return [("x-api-key", self.keys[client]["api_key"])]

    def close(self):
        for service in reversed(list(self.services.values())):
            if service.process:
                service.stop()
            print(f"--- {service.name} log ---\n{tail(service.log_path, 20)}", file=sys.stderr)
        for role in self.roles:
            drop_service_database(self.admin_dsn, role)
        shutil.rmtree(self.dir, ignore_errors=True)


def pb():
    from meldpunt.intake.v1 import intake_service_pb2
    return intake_service_pb2


def common():
    from meldpunt.common.v1 import channel_pb2, geo_pb2
    return channel_pb2, geo_pb2


def reason(error):
    """The ErrorInfo reason of a failed call (google.rpc.Status in grpc-status-details-bin)."""
    from google.rpc import error_details_pb2, status_pb2
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_pb2.Status.FromString(value)
            for detail in status.details:
                info = error_details_pb2.ErrorInfo()
                if detail.Unpack(info):
                    return info.reason
    return ""


def report_request(category="verkeersveiligheid", where=ST_TRUIDEN, description="Gevaarlijke oversteek",
                   request_id=None, **extra):
    channel_pb2, geo_pb2 = common()
    req = pb().CreateReportRequest(
        request_id=request_id or uuid.uuid4().hex, category_code=category,
        channel=channel_pb2.CHANNEL_INTEGRATION, description=description,
        location=geo_pb2.GeoPoint(latitude=where[0], longitude=where[1]), **extra)
    req.reporter.guest.first_name = "An"
    req.reporter.guest.last_name = "Peeters"
    return req


def jpeg_with_gps():
    """A tiny valid JPEG (8x8 grey) carrying an EXIF GPS position."""
    def seg(marker, payload):
        return b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">HHHII", 1, 0x8825, 4, 1, 26) + b"\0\0\0\0"
    tiff += struct.pack(">H", 1) + struct.pack(">HHI", 1, 2, 2) + b"N\0\0\0" + b"\0\0\0\0"
    j = b"\xff\xd8" + seg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    j += seg(0xE1, b"Exif\x00\x00" + tiff)
    j += seg(0xDB, b"\x00" + b"\x01" * 64) + seg(0xC0, b"\x08\x00\x08\x00\x08\x01\x01\x11\x00")
    counts = b"\x01" + b"\x00" * 15
    j += seg(0xC4, b"\x00" + counts + b"\x00") + seg(0xC4, b"\x10" + counts + b"\x00")
    j += seg(0xDA, b"\x01\x01\x00\x00\x3f\x00") + b"\x3f" + b"\xff\xd9"
    return j


class ThroughTheGateway(unittest.TestCase):
    def create(self, client="sint-truiden-app-backend", **kw):
        return SUITE.intake.CreateReport(report_request(**kw), metadata=SUITE.key(client), timeout=10)

    def error_of(self, call, *args, **kwargs):
        with self.assertRaises(grpc.RpcError) as caught:
            call(*args, **kwargs)
        return caught.exception

    def test_create_get_and_reference(self):
        resp = self.create()
        report = resp.report
        self.assertRegex(report.reference, r"^STR-\d{4}-\d{6}$")
        self.assertEqual(report.tenant_id, "71053")
        self.assertEqual(report.zone_name, "Sint-Truiden")
        by_id = SUITE.intake.GetReport(pb().GetReportRequest(id=report.id),
                                       metadata=SUITE.key("sint-truiden-console"), timeout=10)
        self.assertEqual(by_id.report.reference, report.reference)
        by_ref = SUITE.intake.GetReport(pb().GetReportRequest(reference=report.reference),
                                        metadata=SUITE.key("sint-truiden-console"), timeout=10)
        self.assertEqual(by_ref.report.id, report.id)
        self.assertEqual(by_ref.report.description, "Gevaarlijke oversteek")

    def test_idempotent_retry_and_reuse(self):
        req = report_request(request_id="suite-retry-1")
        first = SUITE.intake.CreateReport(req, metadata=SUITE.key("sint-truiden-app-backend"), timeout=10)
        again = SUITE.intake.CreateReport(req, metadata=SUITE.key("sint-truiden-app-backend"), timeout=10)
        self.assertEqual(again.report.id, first.report.id)
        self.assertTrue(again.replayed)
        changed = report_request(request_id="suite-retry-1", description="Iets anders")
        e = self.error_of(SUITE.intake.CreateReport, changed,
                          metadata=SUITE.key("sint-truiden-app-backend"), timeout=10)
        self.assertEqual(e.code(), grpc.StatusCode.ALREADY_EXISTS)
        self.assertEqual(reason(e), "REQUEST_ID_REUSED")

    def test_duplicates_are_suggested_nearby(self):
        spot = (50.8120, 5.1800)
        first = self.create(category="voetpad-en-fietspad", where=spot).report
        near = (spot[0] + 0.0001, spot[1])  # about 11 m north
        second = self.create(category="voetpad-en-fietspad", where=near)
        ids = [d.report_id for d in second.possible_duplicates]
        self.assertIn(first.id, ids)
        far = self.create(category="voetpad-en-fietspad", where=(50.8300, 5.2100))
        self.assertNotIn(first.id, [d.report_id for d in far.possible_duplicates])

    def test_list_with_filters_and_paging(self):
        from meldpunt.common.v1 import geo_pb2
        made = [self.create(category="riolering", where=(50.8150 + i * 0.0005, 5.1850)).report
                for i in range(3)]
        console = SUITE.key("sint-truiden-console")
        listed = SUITE.intake.ListReports(pb().ListReportsRequest(category_codes=["riolering"], page_size=2),
                                          metadata=console, timeout=10)
        self.assertEqual(len(listed.reports), 2)
        self.assertTrue(listed.next_page_token)
        rest = SUITE.intake.ListReports(pb().ListReportsRequest(
            category_codes=["riolering"], page_size=2, page_token=listed.next_page_token),
            metadata=console, timeout=10)
        ids = {r.id for r in listed.reports} | {r.id for r in rest.reports}
        self.assertEqual(ids, {r.id for r in made})
        # Zone, channel and area filters.
        in_zone = SUITE.intake.ListReports(pb().ListReportsRequest(
            category_codes=["riolering"], zone_ids=[made[0].zone_id]), metadata=console, timeout=10)
        self.assertEqual({r.id for r in in_zone.reports}, ids)
        elsewhere = "71053B" if made[0].zone_id != "71053B" else "71053C"
        other_zone = SUITE.intake.ListReports(pb().ListReportsRequest(
            category_codes=["riolering"], zone_ids=[elsewhere]), metadata=console, timeout=10)
        self.assertFalse(any(r.id in ids for r in other_zone.reports))
        req = pb().ListReportsRequest(category_codes=["riolering"])
        req.area.circle.center.latitude = 50.8150
        req.area.circle.center.longitude = 5.1850
        req.area.circle.radius_m = 30
        near = SUITE.intake.ListReports(req, metadata=console, timeout=10)
        self.assertEqual([r.id for r in near.reports], [made[0].id])
        # A page token from Hasselt's console is refused in Sint-Truiden's, and the other way.
        e = self.error_of(SUITE.intake.ListReports, pb().ListReportsRequest(
            category_codes=["riolering"], page_size=2, page_token=listed.next_page_token),
            metadata=SUITE.key("hasselt-console"), timeout=10)
        self.assertEqual(e.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual(reason(e), "PAGE_TOKEN_INVALID")

    def test_media_upload_strips_gps(self):
        report = self.create().report
        media = SUITE.intake.AddReportMedia(pb().AddReportMediaRequest(
            request_id=uuid.uuid4().hex, report_id=report.id, content=jpeg_with_gps(),
            content_type="image/jpeg", filename="foto.jpg"),
            metadata=SUITE.key("sint-truiden-app-backend"), timeout=10)
        self.assertEqual(media.media.content_type, "image/jpeg")
        e = self.error_of(SUITE.intake.AddReportMedia, pb().AddReportMediaRequest(
            request_id=uuid.uuid4().hex, report_id=report.id, content=b"%PDF-1.4 not an image",
            filename="x.pdf"), metadata=SUITE.key("sint-truiden-app-backend"), timeout=10)
        self.assertEqual(e.code(), grpc.StatusCode.INVALID_ARGUMENT)

    def test_a_photo_of_intakes_maximum_passes_the_gateway(self):
        # 5 MiB: above gRPC's usual 4 MiB, under the one photo limit both services read
        # (--max-media-bytes, 10 MiB by default). Comment segments make it large; intake strips
        # them with the rest of the metadata.
        small = jpeg_with_gps()
        comment = b"\xff\xfe" + struct.pack(">H", 65535) + b"x" * 65533
        big = small[:2] + comment * 80 + small[2:]
        self.assertGreater(len(big), 5 << 20)
        report = self.create().report
        media = SUITE.intake.AddReportMedia(pb().AddReportMediaRequest(
            request_id=uuid.uuid4().hex, report_id=report.id, content=big,
            content_type="image/jpeg", filename="groot.jpg"),
            metadata=SUITE.key("sint-truiden-app-backend"), timeout=20)
        self.assertEqual(media.media.content_type, "image/jpeg")
        # Just beyond it, the gateway answers with the limit.
        too_big = small[:2] + comment * 162 + small[2:]
        self.assertGreater(len(too_big), (10 << 20) + (64 << 10))
        e = self.error_of(SUITE.intake.AddReportMedia, pb().AddReportMediaRequest(
            request_id=uuid.uuid4().hex, report_id=report.id, content=too_big,
            content_type="image/jpeg"), metadata=SUITE.key("sint-truiden-app-backend"), timeout=20)
        self.assertEqual(e.code(), grpc.StatusCode.RESOURCE_EXHAUSTED)
        self.assertEqual(reason(e), "REQUEST_TOO_LARGE")
        self.assertIn(str(10 << 20), e.details())

    def test_a_request_that_does_not_parse_is_invalid_argument(self):
        # A client in another language may put bytes that are not UTF-8 into a string field;
        # protobuf refuses such a message. The answer must say so, not "not implemented", both
        # through the gateway and from intake directly.
        description = pb().CreateReportRequest.DESCRIPTOR.fields_by_name["description"].number
        bad = report_request().SerializeToString() + bytes([description << 3 | 2, 2, 0xFF, 0xFE])
        for address, metadata in ((SUITE.services["gateway"].address, SUITE.key("sint-truiden-app-backend")),
                                  (SUITE.services["intake"].address, [])):
            with grpc.insecure_channel(address) as channel:
                raw = channel.unary_unary("/meldpunt.intake.v1.IntakeService/CreateReport")
                e = self.error_of(raw, bad, metadata=metadata, timeout=10)
            self.assertEqual(e.code(), grpc.StatusCode.INVALID_ARGUMENT, address)
            self.assertEqual(reason(e), "REQUEST_MALFORMED", address)

    def test_nearby_feed_has_no_reporter_data(self):
        report = self.create(category="speelpleinen", where=(50.8170, 5.1870)).report
        req = pb().ListNearbyReportsRequest()
        req.area.circle.center.latitude = 50.8170
        req.area.circle.center.longitude = 5.1870
        req.area.circle.radius_m = 200
        feed = SUITE.intake.ListNearbyReports(req, metadata=SUITE.key("sint-truiden-app-backend"), timeout=10)
        self.assertIn(report.reference, [r.reference for r in feed.reports])
        text = str(feed)
        self.assertNotIn("Peeters", text)

    def test_no_credentials_and_wrong_role(self):
        e = self.error_of(SUITE.intake.ListCategories, pb().ListCategoriesRequest(), timeout=10)
        self.assertEqual(e.code(), grpc.StatusCode.UNAUTHENTICATED)
        e = self.error_of(SUITE.intake.ListCategories, pb().ListCategoriesRequest(),
                          metadata=[("x-api-key", "mpk_not_a_real_key")], timeout=10)
        self.assertEqual(e.code(), grpc.StatusCode.UNAUTHENTICATED)
        # The app backend (integrator) may not change the catalogue.
        from meldpunt.intake.v1 import category_pb2
        e = self.error_of(SUITE.intake.UpsertCategory, pb().UpsertCategoryRequest(
            request_id="x", category=category_pb2.Category(code="nieuw")),
            metadata=SUITE.key("sint-truiden-app-backend"), timeout=10)
        self.assertEqual(e.code(), grpc.StatusCode.PERMISSION_DENIED)

    def test_other_municipality_cannot_reach_reports(self):
        report = self.create().report
        hasselt = SUITE.key("hasselt-console")
        for request in (pb().GetReportRequest(id=report.id),
                        pb().GetReportRequest(reference=report.reference)):
            e = self.error_of(SUITE.intake.GetReport, request, metadata=hasselt, timeout=10)
            self.assertEqual(e.code(), grpc.StatusCode.NOT_FOUND)
        listed = SUITE.intake.ListReports(pb().ListReportsRequest(page_size=500), metadata=hasselt, timeout=10)
        self.assertNotIn(report.id, [r.id for r in listed.reports])
        e = self.error_of(SUITE.intake.AddReportMedia, pb().AddReportMediaRequest(
            request_id=uuid.uuid4().hex, report_id=report.id, content=jpeg_with_gps(),
            content_type="image/jpeg"), metadata=SUITE.key("hasselt-app-backend"), timeout=10)
        self.assertEqual(e.code(), grpc.StatusCode.NOT_FOUND)
        # Hasselt's client reporting a point in Sint-Truiden: outside its territory.
        e = self.error_of(SUITE.intake.CreateReport, report_request(where=ST_TRUIDEN),
                          metadata=SUITE.key("hasselt-app-backend"), timeout=10)
        self.assertEqual(reason(e), "LOCATION_OUTSIDE_TERRITORY")

    def test_bad_input_reasons(self):
        cases = [
            (report_request(where=(math.nan, 5.18)), "COORDINATES_INVALID"),
            (report_request(where=(91.0, 5.18)), "COORDINATES_INVALID"),
            (report_request(where=HASSELT), "LOCATION_OUTSIDE_TERRITORY"),
            (report_request(description=""), "DESCRIPTION_INVALID"),
            (report_request(description="x" * 4001), "DESCRIPTION_INVALID"),
            (report_request(category="bestaat-niet"), "CATEGORY_NOT_FOUND"),
            (report_request(category="straatverlichting"), "ATTRIBUTE_REQUIRED"),
        ]
        for request, expected in cases:
            with self.subTest(expected=expected, desc=request.description[:10]):
                e = self.error_of(SUITE.intake.CreateReport, request,
                                  metadata=SUITE.key("sint-truiden-app-backend"), timeout=10)
                self.assertEqual(reason(e), expected, e.details())

    def test_request_id_reaches_the_service(self):
        call = SUITE.intake.ListCategories.with_call(
            pb().ListCategoriesRequest(), metadata=SUITE.key("sint-truiden-app-backend") + [
                ("x-request-id", "suite-trace-7")], timeout=10)
        self.assertEqual(len(call[0].categories), 15)
        # Log lines are written when the call completes; poll (bounded) rather than guess a delay.
        log = SUITE.services["intake"].log_path
        deadline = time.time() + 10
        while "suite-trace-7" not in log.read_text() and time.time() < deadline:
            time.sleep(0.05)
        self.assertIn("suite-trace-7", log.read_text())


def main():
    global ARGS, SUITE
    parser = argparse.ArgumentParser()
    parser.add_argument("--intake", type=Path, required=True)
    parser.add_argument("--gateway", type=Path, required=True)
    ARGS, rest = parser.parse_known_args()
    cleanup_on_signals(lambda: SUITE and SUITE.close())
    SUITE = Suite()
    try:
        program = unittest.main(argv=[sys.argv[0], "-v", *rest], exit=False)
    finally:
        SUITE.close()
    sys.exit(0 if program.result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
