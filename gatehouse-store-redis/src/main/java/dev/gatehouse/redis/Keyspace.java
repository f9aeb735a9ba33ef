package dev.gatehouse.redis;

/**
 * Names keys: every one starts with the prefix, so several deployments (and tests) can share one
 * Redis, and an operator can find all of Gatehouse's keys with {@code SCAN MATCH prefix*}.
 * Keys of one kind are {@code <prefix><kind>:<id>}; scripts that meet ids in an index build
 * their keys from {@link #namespace} the same way.
 */
record Keyspace(String prefix) {
    /** A key of its own, such as an index: {@code <prefix><name>}. */
    String key(String name) {
        return prefix + name;
    }

    /** The key of one entry of a kind: {@code <prefix><kind>:<id>}. */
    String key(String kind, Object id) {
        return namespace(kind) + id;
    }

    /** What every key of the kind starts with: {@code <prefix><kind>:}. */
    String namespace(String kind) {
        return prefix + kind + ":";
    }
}
