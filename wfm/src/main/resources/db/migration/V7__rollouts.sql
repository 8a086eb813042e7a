-- Staged rollouts (issue 13; docs/fleet.md). Same dialect rules as V1. The rollout row is the lock the engine and
-- operator commands take (SELECT ... FOR UPDATE) before acting, so that two WFM instances never advance it twice.
CREATE TABLE rollout (
    rollout_id        VARCHAR(36)   NOT NULL,
    intent_id         VARCHAR(36)   NOT NULL,
    app_id            VARCHAR(200)  NOT NULL,
    from_version      VARCHAR(128)  NOT NULL,
    to_version        VARCHAR(128)  NOT NULL,
    waves             BYTEA         NOT NULL,
    success_threshold DOUBLE PRECISION NOT NULL,
    error_threshold   DOUBLE PRECISION NOT NULL,
    wave_timeout_ms   BIGINT        NOT NULL,
    state             VARCHAR(16)   NOT NULL,
    current_wave      INTEGER       NOT NULL,
    wave_started_at   TIMESTAMP     NOT NULL,
    reason            VARCHAR(1024),
    rollback_of       VARCHAR(36),
    created_by        VARCHAR(80)   NOT NULL,
    created_at        TIMESTAMP     NOT NULL,
    CONSTRAINT rollout_pk PRIMARY KEY (rollout_id),
    CONSTRAINT rollout_intent_fk FOREIGN KEY (intent_id) REFERENCES fleet_intent (intent_id) ON DELETE CASCADE,
    CONSTRAINT rollout_to_fk FOREIGN KEY (app_id, to_version) REFERENCES app_version (app_id, version),
    CONSTRAINT rollout_state_ck CHECK (state IN ('RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED'))
);

CREATE INDEX rollout_state_ix ON rollout (state);

-- The devices a rollout moves, each in one wave; excluded by an operator: no longer counted nor moved.
CREATE TABLE rollout_device (
    rollout_id VARCHAR(36)   NOT NULL,
    client_id  VARCHAR(255)  NOT NULL,
    device_id  VARCHAR(1024) NOT NULL,
    wave       INTEGER       NOT NULL,
    excluded   BOOLEAN       NOT NULL,
    CONSTRAINT rollout_device_pk PRIMARY KEY (rollout_id, client_id, device_id),
    CONSTRAINT rollout_device_rollout_fk FOREIGN KEY (rollout_id) REFERENCES rollout (rollout_id) ON DELETE CASCADE
);
