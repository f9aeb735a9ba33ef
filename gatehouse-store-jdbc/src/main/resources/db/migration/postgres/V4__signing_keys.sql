-- Signing keys Gatehouse generates and rotates itself (KeyStore). The same tables, columns and
-- indexes as the SQLite migration of the same version, in the types of V1.
-- A ring is saved whole: one transaction compares and bumps the generation, then replaces every
-- key row, so servers sharing this database agree on one rotation and never see half a ring.

-- One row (id = 1) once the first ring is saved; none before. The generation grows by one with
-- every save; a save naming any other generation lost a race and changes nothing. The UPDATE that
-- bumps it locks this row until the saving transaction ends: a concurrent save waits, then finds
-- the generation moved on and changes nothing.
CREATE TABLE signing_key_ring (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    generation BIGINT  NOT NULL
);

CREATE TABLE signing_keys (
    kid           TEXT    NOT NULL PRIMARY KEY,
    -- The key's index in the saved ring: load returns the keys in the order they were saved.
    ring_position INTEGER NOT NULL UNIQUE,
    -- The JWS name ("ES256"). No CHECK on it nor on state, as for users.role: the code refuses
    -- what it does not know when it reads a row.
    algorithm     TEXT    NOT NULL,
    -- NEXT, ACTIVE or RETIRED.
    state         TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    state_since   BIGINT  NOT NULL,
    -- The key's JWK with its private part, AES-256-GCM encrypted under GATEHOUSE_MASTER_KEY when
    -- that is set ("gcm1:..."), else plain ("plain1:..."); see KeyRingCodec.
    material      TEXT    NOT NULL
);
