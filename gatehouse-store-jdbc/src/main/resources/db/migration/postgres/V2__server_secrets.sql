-- Secrets the server generates at first start and must find again after a restart (the token
-- service's HMAC key). Written once with INSERT; the primary key makes concurrent first starts
-- agree on one value. Never updated: a changed secret would invalidate everything signed with it.

CREATE TABLE server_secrets (
    name       TEXT   NOT NULL PRIMARY KEY,
    -- SQLite's BLOB.
    value      BYTEA  NOT NULL,
    created_at BIGINT NOT NULL
);
