-- $3 is NULL when the citizen keeps no contact details.
UPDATE citizens
   SET contact_sealed = $3, language = $4, preferred_channel = $5,
       profession = $6, updated_at = (timestamptz 'epoch' + ($7)::bigint * interval '1 microsecond')
 WHERE tenant_id = $1 AND id = $2::uuid;
