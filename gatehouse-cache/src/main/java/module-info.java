/**
 * Caching and deferred-write decorators over the library's stores, for stores shared by several
 * instances: copies are believed only while the event feed is live, and for a bounded time.
 */
module dev.gatehouse.cache {
    // The decorators implement the library's store interfaces.
    requires transitive dev.gatehouse.core;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports dev.gatehouse.cache;
}
