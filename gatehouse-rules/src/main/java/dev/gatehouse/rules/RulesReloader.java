package dev.gatehouse.rules;

import dev.gatehouse.core.access.AccessRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rules of a rules file, kept current: {@link #reloadIfChanged} (called on a schedule) swaps
 * in a changed file's rules when they are good, and keeps the rules in force when they are not,
 * so that a bad edit never leaves the gate without rules. Readers take {@link #current} on every
 * request and never block.
 */
public final class RulesReloader {
    private static final Logger LOG = LoggerFactory.getLogger(RulesReloader.class);

    /**
     * What was last read. The digest catches an edit that keeps the size and lands within the
     * file system's timestamp granularity (a second on some), which time and size alone miss.
     */
    private record Fingerprint(FileTime modified, long size, byte[] sha256) {
        boolean sameAs(Fingerprint other) {
            return other != null && modified.equals(other.modified) && size == other.size && Arrays.equals(sha256, other.sha256);
        }
    }

    private final Path file;
    private final AtomicReference<AccessRules> current;
    private Fingerprint seen;
    private boolean unreadableReported;

    private RulesReloader(Path file, AccessRules rules, Fingerprint seen) {
        this.file = file;
        this.current = new AtomicReference<>(rules);
        this.seen = seen;
    }

    /**
     * Reads the file once.
     *
     * @param file the rules file to read now and to watch for changes
     * @return a reloader holding the file's rules
     * @throws RulesFileException naming every problem when the file cannot be read or is bad: a
     *         server must not start on rules it cannot apply
     */
    public static RulesReloader open(Path file) {
        Objects.requireNonNull(file, "file");
        Snapshot snapshot;
        try {
            snapshot = Snapshot.read(file);
        } catch (IOException e) {
            throw new RulesFileException(file.toString(), java.util.List.of("cannot be read: " + describe(e)));
        }
        AccessRules rules = RulesFile.parse(snapshot.text(), file.toString());
        LOG.info("loaded {} access rules from {}", rules.rules().size(), file);
        return new RulesReloader(file, rules, snapshot.fingerprint());
    }

    /**
     * The rules in force.
     *
     * @return the rules last taken from the file
     */
    public AccessRules current() {
        return current.get();
    }

    /**
     * The rules file this reloader reads.
     *
     * @return the path given to {@link #open}
     */
    public Path file() {
        return file;
    }

    /**
     * Reads the file again and, when it changed, takes its rules if they are good. A bad or
     * unreadable file is reported once (not on every call) and the rules in force stay.
     *
     * @return true when new rules were taken
     */
    public synchronized boolean reloadIfChanged() {
        Snapshot snapshot;
        try {
            snapshot = Snapshot.read(file);
        } catch (IOException e) {
            // An editor replacing the file by rename can leave it missing for a moment: keep the rules, try again later.
            if (!unreadableReported) {
                LOG.warn("rules file {} cannot be read ({}); the {} rules in force stay", file, describe(e), current().rules().size());
                unreadableReported = true;
            }
            return false;
        }
        unreadableReported = false;
        if (snapshot.fingerprint().sameAs(seen)) {
            return false;
        }
        seen = snapshot.fingerprint();
        try {
            AccessRules rules = RulesFile.parse(snapshot.text(), file.toString());
            current.set(rules);
            LOG.info("reloaded {} rules from {}", rules.rules().size(), file);
            return true;
        } catch (RulesFileException e) {
            LOG.warn("{}\nrefused; the {} rules in force stay", e.getMessage(), current().rules().size());
            return false;
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    private record Snapshot(String text, Fingerprint fingerprint) {
        static Snapshot read(Path file) throws IOException {
            FileTime modified = Files.getLastModifiedTime(file);
            byte[] bytes = Files.readAllBytes(file);
            return new Snapshot(new String(bytes, StandardCharsets.UTF_8), new Fingerprint(modified, bytes.length, sha256(bytes)));
        }

        private static byte[] sha256(byte[] bytes) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(bytes);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
}
