-- The log behind SqliteEventFeed: how processes sharing one SQLite file (the server, and the
-- `gatehouse users ...` commands run beside it) tell each other what to forget. Each row is one
-- StoreEvent in its wire form; readers poll for rows past the last seq they saw and skip their
-- own (origin). Rows are purged after a few minutes: a reader that was away longer resyncs anyway.

-- AUTOINCREMENT, not a plain rowid: a purged last row's seq is never handed out again, so a
-- reader's "seq > last seen" never misses a row. SQLite has one writer, so rows commit in seq order.
CREATE TABLE store_events (
    seq        INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    origin     TEXT    NOT NULL,
    payload    TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);

CREATE INDEX store_events_created_at ON store_events (created_at);
