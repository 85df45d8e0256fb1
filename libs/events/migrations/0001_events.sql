-- Tables of the events library (component "events"), in every database of a service that
-- produces or consumes events. Applied by Migrate(dsn, "events", meldpunt::migrations::events()).

-- Transactional outbox: a producer inserts its event in the same transaction as the state
-- change; the relay publishes unpublished rows to Redis Streams and sets published_at.
CREATE TABLE meldpunt_outbox (
  id           bigserial PRIMARY KEY,
  event_id     uuid NOT NULL UNIQUE,
  tenant_id    text NOT NULL DEFAULT '',
  type         text NOT NULL,
  stream       text NOT NULL,
  payload      bytea NOT NULL,               -- the serialized meldpunt.events.v1.Event
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
-- The relay's work queue: only what is still to be published.
CREATE INDEX meldpunt_outbox_unpublished ON meldpunt_outbox (id) WHERE published_at IS NULL;
-- Pruning of rows published long ago.
CREATE INDEX meldpunt_outbox_published_at ON meldpunt_outbox (published_at)
  WHERE published_at IS NOT NULL;

-- One row per (consumer group, event) whose outcome is final, written in the same transaction
-- as the handler's effect: a redelivered event finds its row and is skipped.
CREATE TABLE meldpunt_processed_events (
  consumer     text NOT NULL,
  event_id     uuid NOT NULL,
  outcome      text NOT NULL DEFAULT 'handled' CHECK (outcome IN ('handled', 'parked')),
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);

-- Failed handler attempts, counted across restarts, until the event succeeds or is parked.
CREATE TABLE meldpunt_event_failures (
  consumer   text NOT NULL,
  event_id   uuid NOT NULL,
  attempts   integer NOT NULL,
  last_error text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);

-- Poison events, kept for inspection and manual replay.
CREATE TABLE meldpunt_parked_events (
  id        bigserial PRIMARY KEY,
  consumer  text NOT NULL,
  event_id  uuid,                 -- null when the entry could not be parsed
  stream    text NOT NULL,
  stream_id text NOT NULL,
  type      text,
  payload   bytea,                -- the entry's payload as received, null when it had none
  error     text NOT NULL,
  attempts  integer NOT NULL DEFAULT 0,
  parked_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (consumer, stream, stream_id)
);
