-- Row-level security on the two tables of the events library that hold a tenant's event: the
-- outbox and the parked events. (The service's runtime role owns no table, migrations run as a
-- migration role, so these policies bind it: it cannot switch them off, and FORCE is not needed.)
--
-- Outbox: a producer appends its event in the transaction of the tenant's change, so it sees
-- and writes only its tenant's rows, like every tenant table. The relay publishes every tenant's
-- events, prunes and requeues them: a transaction that declares itself the relay
-- (meldpunt.outbox_relay = 'on', set only by libs/events' relay code, events::ScopeToOutboxRelay)
-- sees them all, in this table only. A query that forgot its scope sees nothing.
ALTER TABLE meldpunt_outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meldpunt_outbox
  USING (tenant_id = current_setting('meldpunt.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));
CREATE POLICY outbox_relay ON meldpunt_outbox
  USING (current_setting('meldpunt.outbox_relay', true) = 'on')
  WITH CHECK (current_setting('meldpunt.outbox_relay', true) = 'on');

-- Parked events keep the payload of a tenant's event for an operator to inspect and replay.
-- The consumer parks what it could not handle, often without a tenant it could trust (an entry
-- that does not parse), and never reads a parked row back: so the runtime role may add rows
-- and nothing else. No SELECT, UPDATE or DELETE policy: it reads none, changes none. Operators
-- read them as the migration role (the owner, not bound) or the superuser.
ALTER TABLE meldpunt_parked_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY park ON meldpunt_parked_events FOR INSERT WITH CHECK (true);

-- meldpunt_processed_events and meldpunt_event_failures stay without row-level security: they
-- hold no tenant data (a consumer group, an event id, an outcome, an attempt count and the
-- handler's error text), a consumer writes them before it knows the event's tenant or when it
-- cannot learn it (the entry does not parse), and their key must span tenants so that an event
-- id is handled once whatever tenant it claims.
