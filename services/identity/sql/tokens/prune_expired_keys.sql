DELETE FROM signing_keys
 WHERE not_after < (timestamptz 'epoch' + ($1)::bigint * interval '1 microsecond');
