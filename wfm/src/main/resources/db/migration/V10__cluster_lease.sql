-- Leases of cluster-wide background work (docs/store.md, "Background work with several instances"): one row per
-- named piece of work, held by one WFM instance until expires_at (UTC). fence grows by one each time the holder
-- changes, so a write guarded by a lease can be refused once another instance took it over. Same dialect rules as
-- V1: types PostgreSQL 15 and H2 2.4 in PostgreSQL mode both accept.
CREATE TABLE cluster_lease (
    name       VARCHAR(200) NOT NULL,
    holder     VARCHAR(255) NOT NULL,
    fence      BIGINT       NOT NULL,
    expires_at TIMESTAMP    NOT NULL,
    CONSTRAINT cluster_lease_pk PRIMARY KEY (name)
);
