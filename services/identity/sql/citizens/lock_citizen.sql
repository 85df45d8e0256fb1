-- Locks the row of a citizen id before a profile update reads, merges and writes it back;
-- find_citizen then reads it (one column list for every read of a citizen).
SELECT c.id::text
  FROM citizens c
 WHERE c.tenant_id = $1 AND c.id = $2::uuid
   FOR UPDATE;
