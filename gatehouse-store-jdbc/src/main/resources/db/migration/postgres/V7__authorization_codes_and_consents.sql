-- The OpenID provider's authorization codes (AuthorizationCodeStore) and users' consents to
-- clients (ConsentStore). The same tables and columns as the SQLite migration of the same
-- version, in the types of V1.

-- A code lives about a minute and is kept a while past its expiry, so that a late second exchange
-- is still seen as reuse; then it is purged. No foreign keys: the token endpoint checks that the
-- client and the user still exist, and a purge removes the rest.
CREATE TABLE authorization_codes (
    -- SHA-256 of the code (unpadded base64url): the store never holds a usable code.
    code_hash              TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    client_id              TEXT    NOT NULL,
    user_id                TEXT    NOT NULL,
    session_id             TEXT    NOT NULL,
    redirect_uri           TEXT    NOT NULL,
    -- Separated by spaces, as OAuth writes them.
    scopes                 TEXT    NOT NULL,
    nonce                  TEXT,
    code_challenge         TEXT,
    auth_time              BIGINT  NOT NULL,
    issued_at              BIGINT  NOT NULL,
    expires_at             BIGINT  NOT NULL,
    -- Set by the first exchange, in the same statement that checks it was not set.
    redeemed_at            BIGINT,
    -- Set by every later exchange: a first exchange that records its tokens after it revokes them.
    reused_at              BIGINT,
    issued_family_id       TEXT,
    issued_access_token_id TEXT
);

CREATE INDEX authorization_codes_expires_at ON authorization_codes (expires_at);

-- A deleted user's or client's consents go with them.
CREATE TABLE consents (
    user_id    TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id  TEXT COLLATE "C" NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    scopes     TEXT   NOT NULL,
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, client_id)
);

-- Serves the cascade from clients.
CREATE INDEX consents_client_id ON consents (client_id);
