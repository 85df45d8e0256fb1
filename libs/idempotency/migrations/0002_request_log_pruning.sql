-- The pruner deletes expired entries of every tenant in one statement. Row-level security would
-- show it no rows (it acts for no tenant), so these policies let a transaction that declares
-- itself the pruner (meldpunt.request_log_prune = 'on') see and delete rows past the retention,
-- and only those: even a misused setting cannot reach an entry a retry may still need. (A DELETE
-- with a WHERE clause reads the rows, so it needs the SELECT policy as well.) The entries hold
-- no personal data (the services keep only ids in them), so the expired rows it can read are
-- harmless.
CREATE POLICY prune_expired_read ON meldpunt_request_log FOR SELECT
  USING (current_setting('meldpunt.request_log_prune', true) = 'on'
         AND created_at < now() - interval '24 hours');
CREATE POLICY prune_expired ON meldpunt_request_log FOR DELETE
  USING (current_setting('meldpunt.request_log_prune', true) = 'on'
         AND created_at < now() - interval '24 hours');
