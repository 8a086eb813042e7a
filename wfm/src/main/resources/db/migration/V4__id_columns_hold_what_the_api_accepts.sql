-- Every id column holds the longest id the APIs accept (checked at the edge with a 4xx): device ids up to 1024
-- characters (org.openmargo.wfm.device.DeviceId.MAX_LENGTH; V1 had 512), so a valid request can never fail in the
-- database. Client ids (at most 200, ClientId.MAX_LENGTH) already fit the VARCHAR(255) columns, deployment ids are
-- UUIDs, names are at most 255 (DeploymentValidator.MAX_NAME_LENGTH). Same dialect rules as V1: ALTER COLUMN ...
-- SET DATA TYPE runs on PostgreSQL 15 and on H2 2.4 in PostgreSQL mode; widening a VARCHAR rewrites no rows.
ALTER TABLE device ALTER COLUMN device_id SET DATA TYPE VARCHAR(1024);
ALTER TABLE device ALTER COLUMN parent_id SET DATA TYPE VARCHAR(1024);
ALTER TABLE deployment ALTER COLUMN device_id SET DATA TYPE VARCHAR(1024);
