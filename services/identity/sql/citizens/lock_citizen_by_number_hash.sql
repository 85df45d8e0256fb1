-- Locks the person's row by the keyed hash of their national number and gives its id: an
-- identification refreshes the row, find_citizen reads it.
SELECT c.id::text
  FROM citizens c
 WHERE c.tenant_id = $1 AND c.national_number_hash = $2
   FOR UPDATE;
