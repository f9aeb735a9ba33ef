package dev.gatehouse.server;

import java.util.Map;
import java.util.Optional;

/** Three instances on PostgreSQL alone: changes announced over LISTEN/NOTIFY. */
class ScaleOutOnPostgresTest extends ScaleOutTest {
    @Override
    Optional<AutoCloseable> moreStores(Map<String, String> environment) {
        return Optional.empty();
    }
}
