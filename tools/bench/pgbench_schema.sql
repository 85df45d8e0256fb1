-- The physical baseline: a table shaped like intake's reports (uuid key, tenant, category,
-- geography point with a GiST index, description, timestamps), into which pgbench inserts one
-- row per transaction. What CreateReport does on top (validation, zone lookup, reference
-- counter, idempotency record, outbox event) is the difference the benchmark shows.
CREATE EXTENSION IF NOT EXISTS postgis;
DROP TABLE IF EXISTS bench_reports;
CREATE TABLE bench_reports (
  id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   text        NOT NULL,
  category    text        NOT NULL,
  location    geography(Point, 4326) NOT NULL,
  description text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bench_reports_location ON bench_reports USING gist (location);
CREATE INDEX bench_reports_listing ON bench_reports (tenant_id, created_at DESC);
