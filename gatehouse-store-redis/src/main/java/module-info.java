/**
 * Stores on Redis through Lettuce: sessions, refresh tokens, revocations, rate-limit counters and
 * the event feed, shared by every instance that points at the same Redis.
 */
module dev.gatehouse.store.redis {
    // The stores implement the library's spi, and RedisStores hands them out as such.
    requires transitive dev.gatehouse.core;
    // Lettuce names its module in its manifest (an automatic module); it ships no module-info.
    requires lettuce.core;
    requires org.slf4j;

    exports dev.gatehouse.redis;
}
