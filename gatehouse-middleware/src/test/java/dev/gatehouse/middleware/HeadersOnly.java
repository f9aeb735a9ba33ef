package dev.gatehouse.middleware;

import java.util.Map;
import java.util.Optional;

/** A request that carries headers only (names matched without regard to case): no cookie, query or form. */
record HeadersOnly(Map<String, String> headers) implements RequestView {
    @Override
    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    @Override
    public Optional<String> cookie(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<String> queryParam(String name) {
        return Optional.empty();
    }
}
