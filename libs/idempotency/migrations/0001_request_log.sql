-- Responses to requests that carried a client request_id, so a retry gets the same answer and
-- a reused id with other content is recognised. Kept at least 24 h (pruned by age).
CREATE TABLE meldpunt_request_log (
  tenant_id   text        NOT NULL,
  method      text        NOT NULL,
  request_id  text        NOT NULL,
  fingerprint bytea       NOT NULL,
  response    bytea       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, method, request_id)
);
CREATE INDEX meldpunt_request_log_created_at ON meldpunt_request_log (created_at);

ALTER TABLE meldpunt_request_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE meldpunt_request_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meldpunt_request_log
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));
