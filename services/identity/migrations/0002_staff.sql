-- Staff accounts: people working for a municipality, who log in with a password. One table,
-- tenant rows under row-level security like every other table.
CREATE TABLE staff_accounts (
  id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id       text        NOT NULL,
  -- As the account was created (shown back), and the lower-cased form logins are matched on:
  -- user names are case-insensitive and unique per tenant. ASCII only, so lower() here and the
  -- service's lower-casing agree whatever the database's collation.
  username        text        NOT NULL CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$'),
  username_key    text        NOT NULL CHECK (username_key = lower(username)),
  display_name    text        NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 100),
  -- Role names as tokens carry them ("coordinator", "tenant_admin"); staff roles only.
  roles           text[]      NOT NULL CHECK (cardinality(roles) >= 1 AND roles <@ ARRAY[
                    'warden', 'front_office', 'coordinator', 'department_agent', 'analyst',
                    'tenant_admin']::text[]),
  -- argon2id in the PHC string format ("$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>").
  password_hash   text        NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  -- Consecutive failed logins since the last success or the last lock.
  failed_attempts integer     NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until    timestamptz,
  last_login_at   timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  disabled        boolean     NOT NULL DEFAULT false,
  UNIQUE (tenant_id, username_key)
);

ALTER TABLE staff_accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff_accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON staff_accounts
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));
