-- Refresh tokens and access-token revocations. The same tables, columns and indexes as the SQLite
-- migration of the same version, in the types of V1.

CREATE TABLE refresh_tokens (
    id                TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    -- SHA-256 of the token, base64url; the token itself is never stored.
    token_hash        TEXT   NOT NULL,
    family_id         TEXT   NOT NULL,
    user_id           TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- No foreign key: the session may be memory-only or deleted first; logout revokes by this id.
    session_id        TEXT,
    issued_at         BIGINT NOT NULL,
    expires_at        BIGINT NOT NULL,
    family_expires_at BIGINT NOT NULL,
    -- ACTIVE, SPENT or REVOKED. No CHECK, as for users.role: the store rejects what it does not know.
    state             TEXT   NOT NULL,
    -- Set together when the token is spent, NULL otherwise. No foreign key on replaced_by: the
    -- successor may be purged before the token it replaced.
    spent_at          BIGINT,
    replaced_by       TEXT
);

CREATE UNIQUE INDEX refresh_tokens_token_hash ON refresh_tokens (token_hash);
-- revokeFamily and listFamily (oldest first).
CREATE INDEX refresh_tokens_family_id_issued_at ON refresh_tokens (family_id, issued_at, id);
-- The cascade from users and revokeAllForUser.
CREATE INDEX refresh_tokens_user_id ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_session_id ON refresh_tokens (session_id);
-- deleteExpired tests each expiry on its own; countActive uses expires_at.
CREATE INDEX refresh_tokens_expires_at ON refresh_tokens (expires_at);
CREATE INDEX refresh_tokens_family_expires_at ON refresh_tokens (family_expires_at);

-- Access tokens refused until they would have expired anyway.
CREATE TABLE revoked_jtis (
    jti        TEXT   NOT NULL PRIMARY KEY,
    expires_at BIGINT NOT NULL
);

CREATE INDEX revoked_jtis_expires_at ON revoked_jtis (expires_at);

-- Access tokens of the user issued before not_before are refused. No foreign key, so that a
-- revocation never fails on a user deleted meanwhile; user ids are never reused.
CREATE TABLE user_not_before (
    user_id    TEXT   NOT NULL PRIMARY KEY,
    not_before BIGINT NOT NULL
);
