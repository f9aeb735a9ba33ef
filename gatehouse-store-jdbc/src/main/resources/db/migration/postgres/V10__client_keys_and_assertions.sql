-- Clients that authenticate with their own keys (private_key_jwt, RFC 7523) instead of a secret,
-- clients that registered themselves, and the ids of the client assertions already used. The same columns and table as the
-- SQLite migration of the same version.

-- The client's public keys, a JWK Set as JSON; NULL for a client with a secret or a public one.
ALTER TABLE clients ADD COLUMN jwks TEXT;
-- 1 for an app that registered itself (dynamic registration): nobody vouched for its redirect URIs.
ALTER TABLE clients ADD COLUMN self_registered INTEGER NOT NULL DEFAULT 0;

-- One row per client assertion accepted, until it expires: an assertion presented again is
-- refused (RFC 7523 section 3, jti). The key is the SHA-256 of the client id and the jti, so a
-- client cannot fill another's space of ids.
CREATE TABLE used_assertions (
    id_hash    TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    expires_at BIGINT NOT NULL
);

CREATE INDEX used_assertions_expires_at ON used_assertions (expires_at);
