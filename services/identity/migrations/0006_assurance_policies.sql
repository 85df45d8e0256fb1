-- The assurance level of the login that opened a session: every access token of the session
-- carries it (claim "acr"), so a session opened with copied card files stays a weak session however
-- often it is refreshed. NULL for staff; sessions opened before this column have no level, which
-- passes no assurance check (they end within the refresh lifetime).
ALTER TABLE sessions ADD COLUMN assurance text
  CHECK (assurance IN ('EID_DATA', 'EID_CHALLENGE', 'ITSME', 'FAS_EID', 'FAS_ITSME', 'FAS_LOW'));

-- A tenant's minimum levels for what a citizen's session may do with its own profile. Without a
-- row the defaults in src/citizens/assurance_policy.h apply (reading: EID_DATA; changing contact
-- details, language, profession or consents: EID_CHALLENGE or as strong). Levels compare by rank
-- (libs/auth/assurance.h), so EID_CHALLENGE also admits ITSME, FAS_EID and FAS_ITSME.
CREATE TABLE assurance_policies (
  tenant_id      text        PRIMARY KEY,
  read_profile   text        NOT NULL
    CHECK (read_profile IN ('FAS_LOW', 'EID_DATA', 'EID_CHALLENGE')),
  change_profile text        NOT NULL
    CHECK (change_profile IN ('FAS_LOW', 'EID_DATA', 'EID_CHALLENGE')),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE assurance_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE assurance_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON assurance_policies
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));
