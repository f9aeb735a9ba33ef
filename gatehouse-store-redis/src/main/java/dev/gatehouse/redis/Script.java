package dev.gatehouse.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script, which Redis runs as one atomic step: no other command runs between its reads and
 * its writes, so a script is how a store keeps a record and its indexes consistent and how it
 * compares-and-sets. It is sent by its SHA-1 ({@code EVALSHA}), and whole only when Redis does
 * not know it yet.
 *
 * @param source {@link Ttl#LUA} followed by the script's own body
 */
record Script(String source, String sha1) {
    static Script of(String body) {
        String source = Ttl.LUA + body;
        return new Script(source, sha1(source));
    }

    <T> T run(RedisCommands<String, String> commands, ScriptOutputType type, String[] keys, String[] args) {
        try {
            return commands.evalsha(sha1, type, keys, args);
        } catch (RedisNoScriptException e) {
            // The first use since Redis started, or its script cache was flushed: EVAL runs and caches it.
            return commands.eval(source, type, keys, args);
        }
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
