-- Photos attached to reports. The bytes are stored as uploaded minus location metadata (EXIF,
-- XMP, text chunks are removed before the insert); sha256 and size_bytes describe the upload.
CREATE TABLE media (
  tenant_id         text        NOT NULL,
  id                uuid        NOT NULL,
  report_id         uuid        NOT NULL,
  content_type      text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
  sha256            text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes        bigint      NOT NULL CHECK (size_bytes > 0),
  stored_size_bytes bigint      NOT NULL,
  filename          text        NOT NULL DEFAULT '',
  content           bytea       NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id)
);
CREATE INDEX media_report ON media (tenant_id, report_id, created_at);
-- JPEG and PNG are compressed already: store out of line without another compression attempt.
ALTER TABLE media ALTER COLUMN content SET STORAGE EXTERNAL;

ALTER TABLE media ENABLE ROW LEVEL SECURITY;
ALTER TABLE media FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON media
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));
