-- Bounded history of deployment status changes (issue 17; docs/console.md). Same dialect rules as V1. A row is
-- appended by the status report's own transaction only when the overall state or a component's state changes; the
-- store keeps the last rows per (client, deployment) and deletes older ones in that same transaction.
CREATE TABLE deployment_status_change (
    client_id       VARCHAR(255) NOT NULL,
    deployment_id   VARCHAR(255) NOT NULL,
    seq             BIGINT       NOT NULL,
    adopted_version BIGINT       NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    components      BYTEA        NOT NULL,
    received_at     TIMESTAMP    NOT NULL,
    CONSTRAINT deployment_status_change_pk PRIMARY KEY (client_id, deployment_id, seq),
    CONSTRAINT deployment_status_change_fk FOREIGN KEY (client_id, deployment_id)
        REFERENCES deployment (client_id, deployment_id)
);
