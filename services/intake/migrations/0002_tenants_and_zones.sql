-- The tenants intake serves and their geography: the territory (the municipality's boundary; a
-- report's point must lie in it) and the zones (deelgemeenten, wijken) a report's point is placed
-- in. Loaded by the operator command `meldpunt-intake --import-zones`, which replaces a tenant's
-- rows in one transaction.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis') THEN
    RAISE EXCEPTION 'intake needs PostGIS: run CREATE EXTENSION postgis in this database as a superuser first';
  END IF;
END
$$;

CREATE TABLE tenants (
  tenant_id        text        PRIMARY KEY,
  name             text        NOT NULL,
  -- First part of every report reference, e.g. "STR" in STR-2026-000123.
  reference_prefix text        NOT NULL CHECK (reference_prefix ~ '^[A-Z]{2,5}$'),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));

CREATE TABLE zones (
  tenant_id text NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  -- NIS code of the area: the tenant's own code for its territory, e.g. "71053G" for a zone.
  zone_id   text NOT NULL,
  name      text NOT NULL,
  kind      text NOT NULL CHECK (kind IN ('territory', 'zone')),
  geom      geography(MultiPolygon, 4326) NOT NULL,
  PRIMARY KEY (tenant_id, zone_id)
);
-- One territory per tenant.
CREATE UNIQUE INDEX zones_one_territory ON zones (tenant_id) WHERE kind = 'territory';
CREATE INDEX zones_geom ON zones USING gist (geom);

ALTER TABLE zones ENABLE ROW LEVEL SECURITY;
ALTER TABLE zones FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON zones
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));
