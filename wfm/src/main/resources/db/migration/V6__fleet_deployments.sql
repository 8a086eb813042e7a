-- Fleet deployments (issue 13; docs/fleet.md). Same dialect rules as V1: types and constraints that PostgreSQL 15 and
-- H2 2.4 in PostgreSQL mode both accept, TIMESTAMP holding UTC, JSON kept as UTF-8 bytes in BYTEA.

-- Operator-assigned labels of a client; they apply to each of its devices and win over the device's own labels.
CREATE TABLE client_label (
    client_id  VARCHAR(255) NOT NULL,
    name       VARCHAR(317) NOT NULL,
    label      VARCHAR(255) NOT NULL,
    updated_at TIMESTAMP    NOT NULL,
    CONSTRAINT client_label_pk PRIMARY KEY (client_id, name)
);

-- A fleet deployment ("intent"): an application version of the catalogue, a profile choice (NULL: the first profile
-- whose type the device supports), the operator's parameter values and a selector. deleted: the reconciler removes
-- the members' deployments, then the row. The foreign key keeps a version in use from being deleted.
CREATE TABLE fleet_intent (
    intent_id          VARCHAR(36)  NOT NULL,
    name               VARCHAR(63)  NOT NULL,
    namespace          VARCHAR(63)  NOT NULL,
    app_id             VARCHAR(200) NOT NULL,
    version            VARCHAR(128) NOT NULL,
    profile_id         VARCHAR(255),
    parameters         BYTEA        NOT NULL,
    selector           BYTEA        NOT NULL,
    remove_on_mismatch BOOLEAN      NOT NULL,
    deleted            BOOLEAN      NOT NULL,
    created_by         VARCHAR(80)  NOT NULL,
    created_at         TIMESTAMP    NOT NULL,
    CONSTRAINT fleet_intent_pk PRIMARY KEY (intent_id),
    CONSTRAINT fleet_intent_name_uq UNIQUE (name),
    CONSTRAINT fleet_intent_app_fk FOREIGN KEY (app_id, version) REFERENCES app_version (app_id, version)
);

-- One targeted device of an intent. deployment_id is the ApplicationDeployment id, kept for the member's life (a new
-- version is new bytes under the same id). version: what the device should run; applied_version: whose rendering the
-- client's desired state carries (NULL: none).
CREATE TABLE fleet_member (
    intent_id       VARCHAR(36)   NOT NULL,
    client_id       VARCHAR(128)  NOT NULL,
    device_id       VARCHAR(1024) NOT NULL,
    deployment_id   VARCHAR(36)   NOT NULL,
    app_id          VARCHAR(200)  NOT NULL,
    version         VARCHAR(128)  NOT NULL,
    applied_version VARCHAR(128),
    placement       VARCHAR(16)   NOT NULL,
    reason          VARCHAR(2048),
    CONSTRAINT fleet_member_pk PRIMARY KEY (intent_id, client_id, device_id),
    CONSTRAINT fleet_member_deployment_uq UNIQUE (client_id, deployment_id),
    CONSTRAINT fleet_member_intent_fk FOREIGN KEY (intent_id) REFERENCES fleet_intent (intent_id) ON DELETE CASCADE,
    CONSTRAINT fleet_member_app_fk FOREIGN KEY (app_id, version) REFERENCES app_version (app_id, version),
    CONSTRAINT fleet_member_placement_ck CHECK (placement IN ('PLACED', 'NOT_PLACEABLE'))
);
