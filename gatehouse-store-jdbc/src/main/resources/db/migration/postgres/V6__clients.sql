-- The applications registered to sign their users in through Gatehouse (ClientStore). The same
-- table and columns as the SQLite migration of the same version, in the types of V1.
CREATE TABLE clients (
    -- The client_id, chosen by the operator or generated; compared exactly.
    id                         TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    name                       TEXT    NOT NULL,
    -- CONFIDENTIAL or PUBLIC. No CHECK, as for users.role: the code refuses what it does not know.
    type                       TEXT    NOT NULL,
    -- SHA-256 of the secret (unpadded base64url) for a confidential client; the secret is never kept.
    secret_hash                TEXT,
    -- URIs one per line, in the order registered (a URI holds no line break); scopes and grants
    -- separated by spaces, as OAuth writes them (neither holds a space).
    redirect_uris              TEXT    NOT NULL,
    post_logout_redirect_uris  TEXT    NOT NULL,
    backchannel_logout_uri     TEXT,
    scopes                     TEXT    NOT NULL,
    grants                     TEXT    NOT NULL,
    first_party                INTEGER NOT NULL,
    -- Seconds, or NULL for the server's lifetimes.
    access_token_ttl           BIGINT,
    refresh_token_ttl          BIGINT,
    created_at                 BIGINT  NOT NULL,
    updated_at                 BIGINT  NOT NULL
);
