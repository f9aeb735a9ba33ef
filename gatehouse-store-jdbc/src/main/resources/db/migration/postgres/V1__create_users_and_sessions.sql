-- The same tables, columns and indexes as the SQLite migration of the same version, so that the
-- stores run the same statements on both: UUIDs as TEXT, instants as BIGINT epoch milliseconds,
-- no booleans. Ids that break ties in an ORDER BY are COLLATE "C", so that they sort byte by
-- byte, as in SQLite, whatever the database's default collation.

CREATE TABLE users (
    id            TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    -- Lower-cased by the caller. NULLs do not collide in a unique index, so many users may lack one.
    email         TEXT   UNIQUE,
    username      TEXT   UNIQUE,
    first_name    TEXT,
    last_name     TEXT,
    name          TEXT,
    -- No CHECK on the role, as in SQLite: the store rejects a role it does not know when it reads one.
    role          TEXT   NOT NULL,
    password_hash TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    CHECK (email IS NOT NULL OR username IS NOT NULL)
);

-- The paging order of UserStore.list.
CREATE INDEX users_created_at_id ON users (created_at, id);

CREATE TABLE sessions (
    id              TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    token_hash      TEXT   NOT NULL,
    user_id         TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at      BIGINT NOT NULL,
    last_seen_at    BIGINT NOT NULL,
    -- NULL: no such limit.
    absolute_expiry BIGINT,
    idle_expiry     BIGINT,
    user_agent      TEXT,
    remote_address  TEXT
);

CREATE UNIQUE INDEX sessions_token_hash ON sessions (token_hash);
-- Serves the cascade from users, deleteAllForUser and listForUser (newest first).
CREATE INDEX sessions_user_id_created_at ON sessions (user_id, created_at);
-- deleteExpired and countLive test each expiry on its own; PostgreSQL answers the OR with a
-- bitmap OR of both indexes.
CREATE INDEX sessions_absolute_expiry ON sessions (absolute_expiry);
CREATE INDEX sessions_idle_expiry ON sessions (idle_expiry);
