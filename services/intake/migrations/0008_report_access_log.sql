-- Every read of a reporter's personal data (guest name, e-mail, phone, postal address) by staff, an
-- API client or another service, written in the same transaction as the read, so the city can
-- answer "who saw my details, when and why" (GDPR art. 15). Reads by the reporting citizen
-- themselves are not recorded. Kept with the report (no separate retention).
CREATE TABLE report_access_log (
  id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id     text        NOT NULL,
  report_id     uuid        NOT NULL,
  accessor      text        NOT NULL,  -- Principal.subject: staff id, API client id, service name
  accessor_kind text        NOT NULL,
  issuer        text        NOT NULL,  -- who vouched for the accessor (Principal.issuer)
  method        text        NOT NULL,  -- the rpc, e.g. "GetReport"
  reason        text        NOT NULL,  -- as the caller stated it; '' when none was given
  request_id    text        NOT NULL,
  at            timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE,
  CHECK (accessor <> ''),
  CHECK (accessor_kind IN ('staff', 'api_client', 'service'))
);
CREATE INDEX report_access_log_report ON report_access_log (tenant_id, report_id, at);

ALTER TABLE report_access_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_access_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON report_access_log
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));
