package dev.gatehouse.middleware;

import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.rules.RulesReloader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The rules of a rules file, looked at again at most once per interval by whichever request
 * comes first after it (no thread of its own: an app's filter should not start threads). A bad
 * edit is refused and logged by {@link RulesReloader}, and the rules in force stay.
 */
final class ReloadingRules implements Supplier<AccessRules> {
    private final RulesReloader reloader;
    private final Clock clock;
    private final Duration interval;
    private final AtomicReference<Instant> lastLook;

    ReloadingRules(RulesReloader reloader, Clock clock, Duration interval) {
        this.reloader = reloader;
        this.clock = clock;
        this.interval = interval;
        this.lastLook = new AtomicReference<>(clock.instant());
    }

    @Override
    public AccessRules get() {
        Instant now = clock.instant();
        Instant last = lastLook.get();
        // One request does the look; the others go on with the rules in force.
        if (!now.isBefore(last.plus(interval)) && lastLook.compareAndSet(last, now)) {
            reloader.reloadIfChanged();
        }
        return reloader.current();
    }
}
