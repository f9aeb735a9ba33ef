-- The same table as the SQLite migration of the same version, so that the two schemas stay one.
-- PostgreSQL deployments announce store events over LISTEN/NOTIFY (PostgresEventFeed) and leave
-- this table empty; it serves SqliteEventFeed, the feed of processes sharing one SQLite file.
CREATE TABLE store_events (
    seq        BIGINT  NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    origin     TEXT    NOT NULL,
    payload    TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);

CREATE INDEX store_events_created_at ON store_events (created_at);
