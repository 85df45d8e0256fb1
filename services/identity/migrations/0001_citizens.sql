-- Citizens, their consents, the log of staff access to their profiles, and the zones a domicile
-- is placed in.
--
-- What is kept in clear and what is sealed (AES-256-GCM by the service, key outside the database,
-- services/identity/src/crypto/data_protector.h):
--   * national_number_sealed: the number itself; look-ups go through national_number_hash, an
--     HMAC under a second derived key (a plain hash of an 11-digit number is reversed by trying
--     all of them).
--   * identity_sealed: names, birth date and official address (a serialized
--     meldpunt.identity.v1.Citizen holding only those fields). Sealed rather than plain because
--     nothing queries them: profiles are read by id or number hash, and the only bulk reader
--     (ResolveContacts) opens each row anyway. A database dump, a replica or a backup then holds
--     no directly identifying data at all.
--   * contact_sealed: e-mail, phone and correspondence address (a serialized
--     meldpunt.common.v1.ContactPreference holding only those fields), for the same reason.
--   Each sealed value's associated data names its column, tenant and citizen id, so a value
--   copied into another row or tenant does not open.
-- In clear: the coarse dimensions that segment counts filter and group on and that events carry
-- anyway (birth_year, gender, zone_id, profession, language, preferred_channel), the assurance
-- level, the times, and domicile_key: the normalised municipality name of the official address,
-- kept so a zone re-import can place citizens again without opening every profile. It is no finer
-- than zone_id (a municipality or deelgemeente name).
--
-- Enumerations are stored as their proto value names without prefix ("MALE", "NL", "EMAIL",
-- "EID_CHALLENGE", "UNSPECIFIED"), readable in SQL and independent of wire numbers.
CREATE TABLE citizens (
  id                     uuid        NOT NULL PRIMARY KEY,
  tenant_id              text        NOT NULL,
  national_number_hash   bytea       NOT NULL,
  national_number_sealed bytea       NOT NULL,
  identity_sealed        bytea       NOT NULL,
  contact_sealed         bytea,
  birth_year             integer     NOT NULL DEFAULT 0,  -- 0: unknown
  gender                 text        NOT NULL DEFAULT 'UNSPECIFIED',
  zone_id                text        NOT NULL DEFAULT '',  -- '': outside the tenant's zones
  domicile_key           text        NOT NULL DEFAULT '',
  profession             text        NOT NULL DEFAULT '',
  language               text        NOT NULL DEFAULT 'UNSPECIFIED',
  preferred_channel      text        NOT NULL DEFAULT 'UNSPECIFIED',
  assurance_level        text        NOT NULL DEFAULT 'UNSPECIFIED',
  verified_at            timestamptz NOT NULL,
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL,
  UNIQUE (tenant_id, national_number_hash),
  UNIQUE (tenant_id, id),  -- target of the foreign keys below
  CHECK (birth_year = 0 OR birth_year BETWEEN 1800 AND 2999),
  CHECK (octet_length(national_number_hash) = 32)
);
-- Segments filter on zone most often; campaign paging walks UNIQUE (tenant_id, id); a zone
-- re-import finds citizens by domicile_key.
CREATE INDEX citizens_zone ON citizens (tenant_id, zone_id);
CREATE INDEX citizens_domicile ON citizens (tenant_id, domicile_key);

-- The latest decision per consent topic (a new decision replaces the row).
CREATE TABLE citizen_consents (
  tenant_id  text        NOT NULL,
  citizen_id uuid        NOT NULL,
  topic      text        NOT NULL,
  granted    boolean     NOT NULL,
  decided_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, citizen_id, topic),
  FOREIGN KEY (tenant_id, citizen_id) REFERENCES citizens (tenant_id, id) ON DELETE CASCADE,
  CHECK (topic ~ '^[a-z0-9._-]{2,64}$')
);
-- Campaign segments: "who granted this topic".
CREATE INDEX citizen_consents_granted ON citizen_consents (tenant_id, topic, citizen_id)
  WHERE granted;

-- Every staff read or change of a citizen's profile, written in the same transaction.
CREATE TABLE citizen_access_log (
  id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id  text        NOT NULL,
  citizen_id uuid        NOT NULL,
  staff_id   text        NOT NULL,
  action     text        NOT NULL,
  reason     text        NOT NULL,
  at         timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, citizen_id) REFERENCES citizens (tenant_id, id) ON DELETE CASCADE,
  CHECK (action IN ('read', 'update')),
  CHECK (staff_id <> '')
);
CREATE INDEX citizen_access_log_citizen ON citizen_access_log (tenant_id, citizen_id, at);

-- The tenant's zones (deelgemeenten) by name, to place a domicile from its address. Loaded by
-- the operator's zone import from the same GeoJSON intake uses (zone_id = geoitem, name = naam);
-- match_key is the normalised name the address's municipality is compared with.
CREATE TABLE citizen_zones (
  tenant_id text NOT NULL,
  zone_id   text NOT NULL,
  name      text NOT NULL,
  match_key text NOT NULL,
  PRIMARY KEY (tenant_id, zone_id)
);
CREATE INDEX citizen_zones_match ON citizen_zones (tenant_id, match_key);

ALTER TABLE citizens ENABLE ROW LEVEL SECURITY;
ALTER TABLE citizens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON citizens
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));

ALTER TABLE citizen_consents ENABLE ROW LEVEL SECURITY;
ALTER TABLE citizen_consents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON citizen_consents
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));

ALTER TABLE citizen_access_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE citizen_access_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON citizen_access_log
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));

ALTER TABLE citizen_zones ENABLE ROW LEVEL SECURITY;
ALTER TABLE citizen_zones FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON citizen_zones
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));
