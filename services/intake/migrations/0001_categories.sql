-- The category catalogue per tenant. The full definition (names in four languages, Open311
-- attributes) is kept as the Category message in proto JSON form; the columns beside it are
-- what queries filter and sort on.
CREATE TABLE categories (
  tenant_id     text        NOT NULL,
  code          text        NOT NULL,
  active        boolean     NOT NULL,
  group_code    text        NOT NULL DEFAULT '',
  display_order integer     NOT NULL DEFAULT 0,
  definition    jsonb       NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, code),
  CHECK (code ~ '^[a-z0-9][a-z0-9_-]{1,63}$')
);
CREATE INDEX categories_listing ON categories (tenant_id, display_order, code);

ALTER TABLE categories ENABLE ROW LEVEL SECURITY;
ALTER TABLE categories FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON categories
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));
