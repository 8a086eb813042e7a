-- The application catalogue (issue 13, docs/fleet.md): every imported ApplicationDescription version, its bytes exactly
-- as uploaded and their SHA-256. A version is immutable: rows are inserted and deleted, never updated. Tables that use
-- a version reference (app_id, version) with a foreign key, so that a version in use cannot be deleted. Same dialect
-- rules as V1: types and constraints that PostgreSQL 15 and H2 2.4 in PostgreSQL mode both accept, TIMESTAMP in UTC.
CREATE TABLE app_version (
    app_id      VARCHAR(200) NOT NULL,
    version     VARCHAR(128) NOT NULL,
    name        VARCHAR(255) NOT NULL,
    sha256      VARCHAR(64)  NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    imported_at TIMESTAMP    NOT NULL,
    imported_by VARCHAR(80)  NOT NULL,
    description BYTEA        NOT NULL,
    CONSTRAINT app_version_pk PRIMARY KEY (app_id, version)
);
