-- Recovery after Redis lost stream entries (issue 9): the relay remembers where each published
-- row went, so it can tell when Redis no longer holds what the outbox marked published, and
-- which rows to send again.

-- The entry id Redis gave the row's XADD (null for rows published before this migration).
ALTER TABLE meldpunt_outbox ADD COLUMN stream_id text;

-- Per stream, the entry the relay published last, written in the transaction that marks the rows
-- published. When that entry is no longer in the stream, Redis lost data (a restart without
-- persistence, FLUSHALL, a failover to a replica that was behind).
CREATE TABLE meldpunt_outbox_streams (
  stream            text PRIMARY KEY,
  last_stream_id    text NOT NULL,
  last_published_at timestamptz NOT NULL DEFAULT now()
);
