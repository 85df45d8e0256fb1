-- Only what a message needs: the national number is not even opened. The segment form of
-- ResolveContacts is assembled from its filters in pg_citizen_segments.cc.
SELECT c.id::text, c.identity_sealed, c.contact_sealed, c.language, c.preferred_channel
  FROM citizens c
 WHERE c.tenant_id = $1 AND c.id = ANY($2::uuid[]);
