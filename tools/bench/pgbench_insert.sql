\set lat random(50805000, 50825000)
\set lon random(5170000, 5200000)
INSERT INTO bench_reports (tenant_id, category, location, description)
VALUES ('71053', 'verkeersveiligheid',
        ST_SetSRID(ST_MakePoint(:lon / 1000000.0, :lat / 1000000.0), 4326)::geography,
        'Onveilige oversteekplaats, gemeld door pgbench.');
