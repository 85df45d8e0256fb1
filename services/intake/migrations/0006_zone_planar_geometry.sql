-- Planar copies of the zones' polygons, for the territory and zone test of every CreateReport.
--
-- Why: ST_Covers on geography (great-circle edges, no prepared-geometry cache across statements)
-- took about 0.9 ms per report against Sint-Truiden's municipality polygon (841 vertices) and its
-- deelgemeenten (2,140 vertices); planar ST_Covers on geometry behind a GiST box test, about
-- 0.13 ms, round trip included (pgbench, one client, as the service's role under row-level
-- security). Planar is no loss of exactness: the import reads GeoJSON as geometry, straight
-- edges in longitude/latitude as RFC 7946 means them, and checks validity there; great-circle
-- edges differ from those by under a millimetre on a typical segment of Sint-Truiden's and
-- Hasselt's boundaries (158 m) and by 7 cm on the longest (1.8 km).
--
-- Generated from geom, so the zone import (which writes geom) keeps both in step, and every
-- existing row is filled by this statement.
ALTER TABLE zones ADD COLUMN geom_planar geometry(MultiPolygon, 4326)
  GENERATED ALWAYS AS (geom::geometry) STORED;
CREATE INDEX zones_geom_planar ON zones USING gist (geom_planar);

-- Nothing searches zones by geography any more.
DROP INDEX zones_geom;
