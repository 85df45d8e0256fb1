-- A page of the catalogue. Keyset pagination on (display_order, code): stable under concurrent
-- inserts.
--   $1 tenant_id, $2 include inactive, $3 group code ('' for all), $4 continue after ($5, $6),
--   $7 limit
SELECT definition::text, extract(epoch from created_at)::float8,
       extract(epoch from updated_at)::float8
  FROM categories
 WHERE tenant_id = $1
   AND ($2 OR active)
   AND ($3 = '' OR group_code = $3)
   AND (NOT $4 OR (display_order, code) > ($5::int, $6::text))
 ORDER BY display_order, code
 LIMIT $7;
