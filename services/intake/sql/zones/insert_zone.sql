-- A zone or the territory ($4 kind) from GeoJSON ($5). Polygons from GeoJSON are read as
-- geometry (straight edges in lon/lat, as RFC 7946 means them) and must be valid there before
-- they become geography: no row returned means the geometry is invalid.
WITH g AS (SELECT ST_SetSRID(ST_Multi(ST_GeomFromGeoJSON($5)), 4326) AS geom)
INSERT INTO zones (tenant_id, zone_id, name, kind, geom)
SELECT $1, $2, $3, $4, geom::geography FROM g WHERE ST_IsValid(geom)
RETURNING 1;
