-- Users' second factors (SecondFactorStore): an authenticator app (TOTP) and recovery codes.
-- The same tables and columns as the SQLite migration of the same version. A deleted user's
-- factors go with them.

CREATE TABLE totp_factors (
    user_id       TEXT COLLATE "C" NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    -- The secret sealed for this user (gcm1: under GATEHOUSE_MASTER_KEY, plain1: without one).
    sealed_secret TEXT    NOT NULL,
    -- 1 once a first code proved the app; until then an enrolment under way.
    confirmed     INTEGER NOT NULL,
    -- The step of the last code accepted: no code at or before it passes again.
    last_step     BIGINT,
    created_at    BIGINT  NOT NULL
);

-- One row per unused code; using a code deletes its row.
CREATE TABLE recovery_codes (
    user_id   TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- SHA-256 of the code (unpadded base64url): the store never holds a usable code.
    code_hash TEXT NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);
