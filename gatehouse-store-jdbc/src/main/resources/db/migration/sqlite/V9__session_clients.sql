-- Which clients each browser session signed in to (SessionClientStore), until they are told the
-- session ended (OpenID Connect Back-Channel Logout). The same table and columns as the
-- PostgreSQL migration of the same version.

-- No foreign key to users or sessions: a deleted user's or an ended session's entries are the
-- ones still to be sent. A deleted client is told nothing, so its entries go with it.
CREATE TABLE session_clients (
    session_id TEXT    NOT NULL,
    client_id  TEXT    NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    user_id    TEXT    NOT NULL,
    -- When the entry is next looked at; a claim moves it, compared with the value read.
    check_at   BIGINT  NOT NULL,
    -- 1 once the session is known to have ended.
    ended      INTEGER NOT NULL,
    -- Failed deliveries of the logout token so far.
    attempts   INTEGER NOT NULL,
    PRIMARY KEY (session_id, client_id)
);

CREATE INDEX session_clients_check_at ON session_clients (check_at);
CREATE INDEX session_clients_user_id ON session_clients (user_id);
-- Serves the cascade from clients.
CREATE INDEX session_clients_client_id ON session_clients (client_id);
