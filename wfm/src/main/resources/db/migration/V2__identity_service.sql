-- The built-in Margo Identity Service (spec b.1; docs/identity-service.md). Same dialect rules as V1: BYTEA, TIMESTAMP
-- holding UTC, CHECK constraints both databases accept.

-- Trust-domain anchors. anchor_id is sha256:<hex> of the issuing certificate; chain holds concatenated DER
-- certificates, the issuing one first and the published anchor last; encrypted_key is the issuing key as a PKCS#8
-- EncryptedPrivateKeyInfo (PBES2); ordinal numbers the anchors in creation order. At most one anchor is NEXT, ACTIVE or PREVIOUS: the rotation steps check that
-- while holding the ca_bundle row lock.
CREATE TABLE ca_anchor (
    anchor_id        VARCHAR(80)  NOT NULL,
    ordinal          INTEGER      NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    algorithm        VARCHAR(32)  NOT NULL,
    chain            BYTEA        NOT NULL,
    encrypted_key    BYTEA        NOT NULL,
    not_before       TIMESTAMP    NOT NULL,
    not_after        TIMESTAMP    NOT NULL,
    created_at       TIMESTAMP    NOT NULL,
    state_changed_at TIMESTAMP    NOT NULL,
    CONSTRAINT ca_anchor_pk PRIMARY KEY (anchor_id),
    CONSTRAINT ca_anchor_state_ck CHECK (state IN ('NEXT', 'ACTIVE', 'PREVIOUS', 'RETIRED'))
);

-- The one row holding the published bundle's spiffe_sequence; its row lock serialises CA changes.
CREATE TABLE ca_bundle (
    singleton  INTEGER   NOT NULL,
    sequence   BIGINT    NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CONSTRAINT ca_bundle_pk PRIMARY KEY (singleton),
    CONSTRAINT ca_bundle_singleton_ck CHECK (singleton = 1)
);

-- The root of the MIS listener's TLS certificates (not a trust-domain anchor); key encrypted like the anchors'.
CREATE TABLE mis_tls_root (
    singleton     INTEGER   NOT NULL,
    certificate   BYTEA     NOT NULL,
    encrypted_key BYTEA     NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    CONSTRAINT mis_tls_root_pk PRIMARY KEY (singleton),
    CONSTRAINT mis_tls_root_singleton_ck CHECK (singleton = 1)
);
