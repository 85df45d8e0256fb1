UPDATE signing_keys
   SET retired_at = (timestamptz 'epoch' + ($1)::bigint * interval '1 microsecond'),
       not_after = (timestamptz 'epoch' + ($2)::bigint * interval '1 microsecond')
 WHERE retired_at IS NULL;
