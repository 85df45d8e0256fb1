-- ON CONFLICT instead of catching the unique violation: the answer names the user name as taken
-- without relying on the constraint's name. No row back: the name is taken.
INSERT INTO staff_accounts (tenant_id, username, username_key, display_name,
                            roles, password_hash, created_at)
VALUES ($1, $2, $3, $4, string_to_array($5, ','), $6,
        (timestamptz 'epoch' + ($7)::bigint * interval '1 microsecond'))
ON CONFLICT (tenant_id, username_key) DO NOTHING
RETURNING id::text, username, display_name, array_to_string(roles, ','), password_hash,
       failed_attempts,
       (extract(epoch from locked_until) * 1000000)::bigint,
       (extract(epoch from last_login_at) * 1000000)::bigint,
       (extract(epoch from created_at) * 1000000)::bigint,
       disabled;
