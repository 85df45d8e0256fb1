-- The report a photo is added to, locked, so concurrent uploads to it count each other.
-- ($3 = '': any reporter, else only this citizen's report.)
SELECT reference
  FROM reports
 WHERE tenant_id = $1 AND id = $2::uuid AND ($3 = '' OR citizen_id = $3)
   FOR NO KEY UPDATE;
