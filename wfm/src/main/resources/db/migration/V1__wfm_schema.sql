-- The WFM schema. Runs unchanged on PostgreSQL 15 and on H2 2.4 in PostgreSQL mode, so it uses only types and
-- constraints both accept: BYTEA payloads (H2 reads it as BINARY VARYING, up to 1 GB), TIMESTAMP holding UTC, BIGINT
-- holding unsigned 64-bit manifest versions bit for bit (compared in Java with Long.compareUnsigned).
-- Every table is keyed by client_id first: no query crosses clients.

-- The accepted-client policy (spec b.1).
CREATE TABLE client_policy (
    client_id  VARCHAR(255) NOT NULL,
    standing   VARCHAR(16)  NOT NULL,
    updated_at TIMESTAMP    NOT NULL,
    CONSTRAINT client_policy_pk PRIMARY KEY (client_id),
    CONSTRAINT client_policy_standing_ck CHECK (standing IN ('ACCEPTED', 'RETIRED'))
);

-- The current State Manifest per client, exactly as served (spec a.4, c.4). A client without a row has the computed
-- empty version-1 manifest. The row is also the per-client lock every desired-state change takes first.
CREATE TABLE manifest (
    client_id VARCHAR(255) NOT NULL,
    version   BIGINT       NOT NULL,
    body      BYTEA        NOT NULL,
    etag      VARCHAR(80)  NOT NULL,
    CONSTRAINT manifest_pk PRIMARY KEY (client_id)
);

-- Immutable deployment YAMLs by digest, kept after replacement or removal for clients still fetching (spec c.8).
CREATE TABLE deployment_yaml (
    client_id     VARCHAR(255) NOT NULL,
    deployment_id VARCHAR(255) NOT NULL,
    digest        VARCHAR(71)  NOT NULL,
    body          BYTEA        NOT NULL,
    CONSTRAINT deployment_yaml_pk PRIMARY KEY (client_id, deployment_id, digest)
);

-- Immutable bundles by digest (spec c.6), kept like the YAMLs.
CREATE TABLE bundle (
    client_id VARCHAR(255) NOT NULL,
    digest    VARCHAR(71)  NOT NULL,
    body      BYTEA        NOT NULL,
    CONSTRAINT bundle_pk PRIMARY KEY (client_id, digest)
);

-- Current and removed deployments. since_version: the manifest version in which the current digest first appeared;
-- removed_in_version: the version that dropped it, NULL while current (spec d.4).
CREATE TABLE deployment (
    client_id          VARCHAR(255) NOT NULL,
    deployment_id      VARCHAR(255) NOT NULL,
    device_id          VARCHAR(512) NOT NULL,
    name               VARCHAR(255) NOT NULL,
    digest             VARCHAR(71)  NOT NULL,
    size_bytes         BIGINT       NOT NULL,
    since_version      BIGINT       NOT NULL,
    removed_in_version BIGINT,
    CONSTRAINT deployment_pk PRIMARY KEY (client_id, deployment_id),
    CONSTRAINT deployment_yaml_fk FOREIGN KEY (client_id, deployment_id, digest)
        REFERENCES deployment_yaml (client_id, deployment_id, digest)
);

-- Component names of a deployment's current digest, in their listed order.
CREATE TABLE deployment_component (
    client_id       VARCHAR(255) NOT NULL,
    deployment_id   VARCHAR(255) NOT NULL,
    component_index INTEGER      NOT NULL,
    name            VARCHAR(255) NOT NULL,
    CONSTRAINT deployment_component_pk PRIMARY KEY (client_id, deployment_id, component_index),
    CONSTRAINT deployment_component_fk FOREIGN KEY (client_id, deployment_id)
        REFERENCES deployment (client_id, deployment_id) ON DELETE CASCADE
);

-- Devices and their last capabilities. A child (id containing '/') references its gateway; deleting a device
-- deletes every device below it through the cascade.
CREATE TABLE device (
    client_id    VARCHAR(255) NOT NULL,
    device_id    VARCHAR(512) NOT NULL,
    parent_id    VARCHAR(512),
    hosting      BOOLEAN      NOT NULL,
    capabilities BYTEA        NOT NULL,
    updated_at   TIMESTAMP    NOT NULL,
    CONSTRAINT device_pk PRIMARY KEY (client_id, device_id),
    CONSTRAINT device_parent_fk FOREIGN KEY (client_id, parent_id)
        REFERENCES device (client_id, device_id) ON DELETE CASCADE
);

-- PostgreSQL does not index referencing columns by itself; the cascade looks children up by parent.
CREATE INDEX device_parent_ix ON device (client_id, parent_id);

-- The latest stored status report per deployment (spec d.1, d.4).
CREATE TABLE deployment_status (
    client_id       VARCHAR(255) NOT NULL,
    deployment_id   VARCHAR(255) NOT NULL,
    adopted_version BIGINT       NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    body            BYTEA        NOT NULL,
    received_at     TIMESTAMP    NOT NULL,
    CONSTRAINT deployment_status_pk PRIMARY KEY (client_id, deployment_id),
    CONSTRAINT deployment_status_fk FOREIGN KEY (client_id, deployment_id)
        REFERENCES deployment (client_id, deployment_id)
);
