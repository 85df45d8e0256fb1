-- Report numbers from one sequence per tenant and year instead of a counter row.
--
-- Why: the counter row stayed locked until its transaction committed, so every CreateReport of
-- a tenant waited for the previous one's WAL flush: one tenant's intake was capped at about one
-- report per commit latency (measured ~170/s on the 2-core reference machine, see
-- BENCHMARKS.md). nextval() holds no lock past the call.
--
-- What changes: numbers stay unique and increasing per tenant and year; a transaction that fails
-- after taking its number leaves a gap (no report is ever renumbered). report_counters now
-- records which tenant-year sequences exist (last_value: the number the old counter had reached,
-- where the sequence starts after it).
CREATE FUNCTION next_report_number(p_tenant text, p_year integer) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  seq text := format('report_number_%s_%s', p_tenant, p_year);
  reached bigint;
BEGIN
  IF p_tenant !~ '^[A-Za-z0-9]{1,32}$' OR p_year NOT BETWEEN 2000 AND 9999 THEN
    RAISE EXCEPTION 'invalid tenant or year for a report number' USING ERRCODE = '22023';
  END IF;
  BEGIN
    RETURN nextval(seq::regclass);
  EXCEPTION WHEN undefined_table THEN
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
    RETURN nextval(seq::regclass);
  END;
END
$$;
