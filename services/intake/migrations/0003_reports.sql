-- Reports (meldingen) and their reference counters.

-- The last number handed out per tenant and year. The row is locked by the upsert that takes the
-- next number until the report's transaction commits, so numbers are unique and without gaps.
CREATE TABLE report_counters (
  tenant_id  text    NOT NULL,
  year       integer NOT NULL,
  last_value bigint  NOT NULL,
  PRIMARY KEY (tenant_id, year)
);

ALTER TABLE report_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON report_counters
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));

-- Enumerations are stored as their names without the proto prefix ('APP', 'RECEIVED', 'NL'):
-- readable in SQL, and independent of the numbers on the wire.
CREATE TABLE reports (
  tenant_id              text        NOT NULL,
  id                     uuid        NOT NULL,
  reference              text        NOT NULL,
  category_code          text        NOT NULL,
  channel                text        NOT NULL
    CHECK (channel IN ('APP', 'WEB', 'PHONE', 'DESK', 'WARDEN', 'EMAIL', 'OPEN311', 'INTEGRATION')),
  -- Who reported: a citizen (citizen_id), a guest (optional names), or nobody in particular.
  reporter_kind          text        NOT NULL CHECK (reporter_kind IN ('citizen', 'guest', 'none')),
  citizen_id             text,
  guest_first_name       text        NOT NULL DEFAULT '',
  guest_last_name        text        NOT NULL DEFAULT '',
  -- How to answer. Personal data: never in events, never in the public feed.
  contact_channel        text        NOT NULL
    CHECK (contact_channel IN ('EMAIL', 'SMS', 'LETTER', 'PHONE', 'NONE')),
  contact_language       text        NOT NULL CHECK (contact_language IN ('NL', 'FR', 'DE', 'EN')),
  contact_email          text        NOT NULL DEFAULT '',
  contact_phone          text        NOT NULL DEFAULT '',
  contact_postal_address jsonb,      -- meldpunt.common.v1.PostalAddress in proto JSON form
  language               text        NOT NULL CHECK (language IN ('NL', 'FR', 'DE', 'EN')),
  location               geography(Point, 4326),
  -- The point snapped to the centre of its ~250 m grid cell: what public views of sensitive
  -- categories show and search on, so that no query can narrow down the real point.
  coarse_location        geography(Point, 4326),
  address_street         text        NOT NULL DEFAULT '',
  address_house_number   text        NOT NULL DEFAULT '',
  address_box            text        NOT NULL DEFAULT '',
  address_postal_code    text        NOT NULL DEFAULT '',
  address_municipality   text        NOT NULL DEFAULT '',
  address_country        text        NOT NULL DEFAULT '',
  location_description   text        NOT NULL DEFAULT '',
  zone_id                text        NOT NULL DEFAULT '',
  description            text        NOT NULL,
  attribute_values       jsonb       NOT NULL DEFAULT '[]',  -- [{"code": .., "values": [..]}]
  media_urls             text[]      NOT NULL DEFAULT '{}',
  external_reference     text        NOT NULL DEFAULT '',
  submitted_by           text        NOT NULL,
  -- The status projection, fed by the dispatch service's case events.
  status                 text        NOT NULL DEFAULT 'RECEIVED'
    CHECK (status IN ('RECEIVED', 'IN_TREATMENT', 'RESOLVED', 'CLOSED', 'REJECTED', 'MERGED')),
  status_updated_at      timestamptz NOT NULL DEFAULT now(),
  status_note            text        NOT NULL DEFAULT '',
  -- occurred_at of the last case event applied: an older event arriving late is not applied.
  status_event_at        timestamptz,
  case_id                text        NOT NULL DEFAULT '',
  department_id          text        NOT NULL DEFAULT '',
  department_names       jsonb       NOT NULL DEFAULT '[]',  -- [LocalizedText] in proto JSON form
  duplicate_of_report_id text        NOT NULL DEFAULT '',
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, reference),
  CHECK ((reporter_kind = 'citizen') = (citizen_id IS NOT NULL)),
  CHECK ((location IS NULL) = (coarse_location IS NULL))
);
-- Area searches (list by box or radius, nearby feed, duplicate suggestions).
CREATE INDEX reports_location ON reports USING gist (location);
-- The list orders and the filters that narrow most.
CREATE INDEX reports_created ON reports (tenant_id, created_at DESC, id DESC);
CREATE INDEX reports_status_updated ON reports (tenant_id, status_updated_at DESC, id DESC);
CREATE INDEX reports_citizen ON reports (tenant_id, citizen_id, created_at DESC)
  WHERE citizen_id IS NOT NULL;
CREATE INDEX reports_category ON reports (tenant_id, category_code, created_at DESC);
CREATE INDEX reports_zone ON reports (tenant_id, zone_id, created_at DESC);

ALTER TABLE reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE reports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON reports
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));
