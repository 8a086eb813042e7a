-- TEMPORARY until the catalogue branch is merged (its V5 creates the real table).
CREATE TABLE app_version (
    app_id  VARCHAR(200) NOT NULL,
    version VARCHAR(255) NOT NULL,
    CONSTRAINT app_version_pk PRIMARY KEY (app_id, version)
);
