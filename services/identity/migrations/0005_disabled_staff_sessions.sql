-- Disabling a staff account ends its open sessions at once, whoever disables it (an operator in
-- psql included); a refresh also refuses a session whose account is disabled or gone
-- (sql/tokens/lock_refresh_token.sql), so neither path alone is relied on.
CREATE FUNCTION end_sessions_of_disabled_staff() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sessions
     SET revoked_at = now(), revoke_reason = 'account_disabled'
   WHERE tenant_id = NEW.tenant_id AND kind = 'staff' AND subject = NEW.id::text
     AND revoked_at IS NULL;
  RETURN NEW;
END
$$;

CREATE TRIGGER staff_disabled_ends_sessions
  AFTER UPDATE OF disabled ON staff_accounts
  FOR EACH ROW WHEN (NEW.disabled AND NOT OLD.disabled)
  EXECUTE FUNCTION end_sessions_of_disabled_staff();
