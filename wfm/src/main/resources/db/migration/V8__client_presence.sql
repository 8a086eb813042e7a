-- The last manifest poll of each client as any WFM instance saw it (issue 13; docs/fleet.md "Presence"). Same dialect
-- rules as V1. Written only by the periodic presence flush, several clients per statement, never on a poll's path;
-- a row only moves forward in time (the flush's MERGE keeps the later poll).
CREATE TABLE client_presence (
    client_id        VARCHAR(255) NOT NULL,
    polled_at        TIMESTAMP    NOT NULL,
    manifest_version BIGINT       NOT NULL,
    CONSTRAINT client_presence_pk PRIMARY KEY (client_id)
);

CREATE INDEX client_presence_polled_ix ON client_presence (polled_at);
