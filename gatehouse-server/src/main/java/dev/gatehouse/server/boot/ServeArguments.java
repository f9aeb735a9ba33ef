package dev.gatehouse.server.boot;

import dev.gatehouse.server.config.Setting;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the common case of {@code gatehouse serve [--setting value | --setting=value]...} without
 * picocli: building its command tree (every command, each with all the settings) and reading its
 * annotations is a noticeable part of a start, its classes being compiled for a class-file
 * version the AOT cache leaves out (docs/PERFORMANCE.md, "Start-up").
 *
 * <p>Only what picocli would read the same way is taken: {@code serve} first, then each
 * {@link Setting}'s flag (the options picocli makes from the same table; a test keeps the two in step) at most
 * once, each with a value that does not look like an option. Anything else ({@code --help}, an
 * unknown or repeated flag, a missing value, an {@code @file}) is left to picocli, so its answers
 * and messages stay exactly as they were.
 */
public final class ServeArguments {
    private ServeArguments() {
    }

    /** The flags given to {@code serve}, by the setting each names; empty when picocli must read {@code args}. */
    public static Optional<Map<Setting, String>> parse(String... args) {
        if (args.length == 0 || !"serve".equals(args[0])) {
            return Optional.empty();
        }
        Map<String, Setting> byFlag = new HashMap<>();
        for (Setting setting : Setting.values()) {
            byFlag.put(setting.flag(), setting);
        }
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            String value = equals >= 0 ? arg.substring(equals + 1) : i + 1 < args.length ? args[++i] : null;
            Setting setting = byFlag.get(name);
            if (setting == null || flags.containsKey(setting) || value == null || value.isEmpty()
                    || value.startsWith("-") || value.startsWith("@")) {
                return Optional.empty();
            }
            flags.put(setting, value);
        }
        return Optional.of(flags);
    }
}
