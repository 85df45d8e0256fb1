-- Serialises key creation and rotation over every replica ($1: the same fixed number in each).
SELECT pg_advisory_xact_lock($1);
