package dev.gatehouse.redis;

import dev.gatehouse.core.spi.StoreOutage;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs one store's commands and scripts on the shared connection. Every script gets the
 * application's clock first (see {@link Ttl}); every client failure becomes a
 * {@link RedisStoreException} that names the store and the operation, never the values involved.
 */
final class Redis {
    /** Entries one purge script deletes at most: a long purge is many short scripts, so Redis is never blocked for long. */
    static final int PURGE_BATCH = 500;

    // Reads the record behind a lookup key (token hash -> id) in one round trip. KEYS[1]: the lookup; ARGV[4]: the records' namespace.
    private static final Script FIND_VIA = Script.of("""
            local id = redis.call('GET', KEYS[1])
            if not id then return {} end
            return redis.call('HGETALL', ARGV[4] .. id)
            """);

    // Reads the records an owner's index names, skipping those Redis has dropped. KEYS[1]: the index; ARGV[4]: the records' namespace.
    private static final Script LIST_VIA = Script.of("""
            local records = {}
            for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              local fields = redis.call('HGETALL', ARGV[4] .. id)
              if #fields > 0 then records[#records + 1] = fields end
            end
            return records
            """);

    // Deletes the keys an expiry index names as due. KEYS[1]: the index, a sorted set of members scored by expiry;
    // ARGV[4]: the namespace that makes a member a key.
    private static final Script PURGE_INDEXED = purgeScript("""
            local function delete_entry(member)
              redis.call('ZREM', KEYS[1], member)
              return redis.call('DEL', ARGV[4] .. member)
            end
            """, "KEYS[1]", "delete_entry");

    private final RedisCommands<String, String> commands;
    private final Ttl ttl;
    private final BooleanSupplier closed;
    private final String store;
    private final StoreOutage outage;

    /**
     * @param closed whether the connection was closed on purpose
     * @param store names the store in messages, e.g. "session store"
     * @param outage where every store on this connection reports whether Redis answered
     */
    Redis(RedisCommands<String, String> commands, Ttl ttl, BooleanSupplier closed, String store, StoreOutage outage) {
        this.commands = commands;
        this.ttl = ttl;
        this.closed = closed;
        this.store = store;
        this.outage = outage;
    }

    /** Runs plain commands. */
    <T> T call(String operation, Function<RedisCommands<String, String>, T> work) {
        if (closed.getAsBoolean()) {
            throw new RedisStoreException(store + ": " + operation + " failed: the stores are closed");
        }
        T result;
        try {
            result = work.apply(commands);
        } catch (RuntimeException e) {
            // Lettuce's own failures are RedisExceptions, but not all it lets through (Netty's stopped timer
            // after a close, say): whatever the client throws, the store could not answer.
            RedisStoreException failure = RedisStoreException.failed(store, operation, e);
            outage.failed(failure);
            throw failure;
        }
        outage.answered();
        return result;
    }

    /** Runs a script; its ARGV are the clock's three ({@link Ttl#argv}) and then {@code args}. */
    <T> T run(String operation, Script script, ScriptOutputType type, List<String> keys, List<String> args) {
        String[] argv = Stream.concat(ttl.argv().stream(), args.stream()).toArray(String[]::new);
        return call(operation, c -> script.run(c, type, keys.toArray(String[]::new), argv));
    }

    /** Runs a script that answers 1 for yes and 0 for no. */
    boolean ask(String operation, Script script, List<String> keys, List<String> args) {
        Long answer = run(operation, script, ScriptOutputType.INTEGER, keys, args);
        return answer == 1L;
    }

    /** Runs a script that answers a count. */
    int count(String operation, Script script, List<String> keys, List<String> args) {
        Long count = run(operation, script, ScriptOutputType.INTEGER, keys, args);
        return Math.toIntExact(count);
    }

    /**
     * Runs a {@link #purgeScript} until it is done and returns how many entries it deleted. The
     * script gets {@code args}, then {@code now} and {@link #PURGE_BATCH} last, and answers
     * {deleted, looked at}: fewer looked at than a batch means nothing is left.
     */
    int purge(String operation, Script script, List<String> keys, List<String> args, Instant now) {
        List<String> withBatch = Stream.concat(args.stream(), Stream.of(Fields.millis(now), Integer.toString(PURGE_BATCH))).toList();
        int deleted = 0;
        while (true) {
            List<Object> answer = run(operation, script, ScriptOutputType.MULTI, keys, withBatch);
            deleted += Math.toIntExact((Long) answer.get(0));
            if ((Long) answer.get(1) < PURGE_BATCH) {
                return deleted;
            }
        }
    }

    /**
     * Deletes the entries of {@code namespace} that {@code index} (a sorted set scored by expiry)
     * names as expired at {@code now}: for stores whose entries are one key each.
     */
    int purgeIndexed(String operation, String index, String namespace, Instant now) {
        return purge(operation, PURGE_INDEXED, List.of(index), List.of(namespace), now);
    }

    /** The string at {@code key}, parsed; empty when there is none. */
    <T> Optional<T> value(String operation, String key, Function<String, T> parser) {
        String value = call(operation, c -> c.get(key));
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(value));
        } catch (IllegalArgumentException | DateTimeException e) {
            // No cause: the parser's message quotes the value.
            throw unreadable(operation, null);
        }
    }

    /**
     * A script for {@link #purge}: it walks the sorted set {@code index} (a Lua expression) for
     * members scored at or before now, and calls {@code delete} on each, a function that
     * {@code functions} defines, which deletes the entry and answers 1, or 0 when Redis had
     * dropped it already. {@code delete} must take the member out of {@code index}, or the purge
     * never ends.
     */
    static Script purgeScript(String functions, String index, String delete) {
        return Script.of(functions + """
                local due = redis.call('ZRANGEBYSCORE', %s, '-inf', ARGV[#ARGV - 1], 'LIMIT', 0, ARGV[#ARGV])
                local deleted = 0
                for _, member in ipairs(due) do deleted = deleted + %s(member) end
                return {deleted, #due}
                """.formatted(index, delete));
    }

    /** The record at {@code key}, read by {@code reader}. */
    <T> Optional<T> find(String operation, String key, Function<FieldReader, T> reader) {
        Map<String, String> fields = call(operation, c -> c.hgetall(key));
        return fields.isEmpty() ? Optional.empty() : Optional.of(read(operation, fields, reader));
    }

    /** The record whose id {@code lookupKey} holds, in namespace {@code records}. */
    <T> Optional<T> findVia(String operation, String lookupKey, String records, Function<FieldReader, T> reader) {
        List<Object> fields = run(operation, FIND_VIA, ScriptOutputType.MULTI, List.of(lookupKey), List.of(records));
        return fields.isEmpty() ? Optional.empty() : Optional.of(read(operation, pairs(fields), reader));
    }

    /** The records the index at {@code indexKey} names, in namespace {@code records}, in no particular order. */
    <T> List<T> listVia(String operation, String indexKey, String records, Function<FieldReader, T> reader) {
        List<Object> found = run(operation, LIST_VIA, ScriptOutputType.MULTI, List.of(indexKey), List.of(records));
        List<T> result = new ArrayList<>(found.size());
        for (Object fields : found) {
            result.add(read(operation, pairs((List<?>) fields), reader));
        }
        return result;
    }

    private <T> T read(String operation, Map<String, String> fields, Function<FieldReader, T> reader) {
        try {
            return reader.apply(new FieldReader(fields));
        } catch (IllegalArgumentException e) {
            // FieldReader's messages name the field, never its value.
            throw unreadable(operation, e);
        }
    }

    // A record this version cannot read is a fault, never something to accept or to treat as absent.
    private RedisStoreException unreadable(String operation, IllegalArgumentException cause) {
        String detail = cause == null ? "" : " (" + cause.getMessage() + ")";
        return new RedisStoreException(store + ": " + operation + " failed: a stored entry cannot be read" + detail, cause);
    }

    /** HGETALL's flat reply, name, value, name, value..., as a map. */
    private static Map<String, String> pairs(List<?> flat) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return map;
    }
}
