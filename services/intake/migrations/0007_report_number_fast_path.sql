-- next_report_number() without a subtransaction on every call.
--
-- Why: 0005's function wrapped nextval() in BEGIN ... EXCEPTION, and PL/pgSQL opens a
-- subtransaction for every such block it enters, on every call, though only a tenant's first
-- report of a year ever needs the handler (in the benchmark's per-statement times it cost more
-- than the report's own INSERT). Now the sequence is looked up first (to_regclass answers NULL
-- instead of raising) and only its creation keeps the handler.
CREATE OR REPLACE FUNCTION next_report_number(p_tenant text, p_year integer) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  seq text := format('report_number_%s_%s', p_tenant, p_year);
  existing regclass;
  reached bigint;
BEGIN
  IF p_tenant !~ '^[A-Za-z0-9]{1,32}$' OR p_year NOT BETWEEN 2000 AND 9999 THEN
    RAISE EXCEPTION 'invalid tenant or year for a report number' USING ERRCODE = '22023';
  END IF;
  existing := to_regclass(quote_ident(seq));
  IF existing IS NOT NULL THEN
    RETURN nextval(existing);
  END IF;
  -- The tenant's first report of the year: create its sequence (with the transaction, so a
  -- failed first report leaves nothing behind).
  SELECT last_value INTO reached FROM report_counters
   WHERE tenant_id = p_tenant AND year = p_year;
  BEGIN
    EXECUTE format('CREATE SEQUENCE %I START WITH %s', seq, COALESCE(reached, 0) + 1);
    INSERT INTO report_counters (tenant_id, year, last_value)
    VALUES (p_tenant, p_year, COALESCE(reached, 0))
    ON CONFLICT (tenant_id, year) DO NOTHING;
  EXCEPTION WHEN duplicate_table OR unique_violation THEN
    NULL;  -- another transaction created it at the same moment and has committed
  END;
  RETURN nextval(quote_ident(seq)::regclass);
END
$$;
