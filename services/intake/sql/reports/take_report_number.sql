-- The next report number of a tenant ($1) and year ($2). One sequence per tenant and year
-- (migration 0005): unique, increasing, and no lock held until commit, so a tenant's reports are
-- not serialised on one row.
SELECT next_report_number($1, $2);
