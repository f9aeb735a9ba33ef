package dev.gatehouse.core.memory;

import dev.gatehouse.core.internal.support.SecureIds;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.spi.TokenHashes;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemorySessionStoreTest {
    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final UUID alice = UUID.randomUUID();

    private Session session(UUID userId, Duration lifetime) {
        Instant now = clock.instant();
        return new Session(UUID.randomUUID(), TokenHashes.sha256(SecureIds.newToken()), userId, now, now, Optional.of(now.plus(lifetime)),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void aRepeatedTokenHashIsRefused() {
        Session first = session(alice, Duration.ofHours(1));
        store.insert(first);
        Session clash = new Session(UUID.randomUUID(), first.tokenHash(), alice, first.createdAt(), first.lastSeenAt(),
                first.absoluteExpiry(), first.idleExpiry(), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> store.insert(clash)).isInstanceOf(IllegalStateException.class);
        assertThat(store.findByTokenHash(first.tokenHash())).contains(first);
        assertThat(store.findById(clash.id())).isEmpty();
    }

    @Test
    void touchUpdatesOnlyTheTimes() {
        Session s = session(alice, Duration.ofHours(1));
        store.insert(s);
        Instant later = clock.instant().plusSeconds(60);

        assertThat(store.touch(s.id(), later, Optional.of(later.plusSeconds(600)))).isTrue();

        Session touched = store.findById(s.id()).orElseThrow();
        assertThat(touched.lastSeenAt()).isEqualTo(later);
        assertThat(touched.idleExpiry()).contains(later.plusSeconds(600));
        assertThat(touched.absoluteExpiry()).isEqualTo(s.absoluteExpiry());
        assertThat(store.touch(UUID.randomUUID(), later, Optional.empty())).isFalse();
    }

    @Test
    void deleteRemovesBothIndexes() {
        Session s = session(alice, Duration.ofHours(1));
        store.insert(s);

        assertThat(store.delete(s.id())).isTrue();
        assertThat(store.findByTokenHash(s.tokenHash())).isEmpty();
        assertThat(store.delete(s.id())).isFalse();
        // The token hash may be used again once its session is gone.
        store.insert(s);
        assertThat(store.findByTokenHash(s.tokenHash())).contains(s);
    }

    @Test
    void expiryQueries() {
        Session shortLived = session(alice, Duration.ofMinutes(1));
        store.insert(shortLived);
        clock.advance(Duration.ofSeconds(1));
        Session longLived = session(alice, Duration.ofHours(1));
        store.insert(longLived);
        Instant later = clock.instant().plus(Duration.ofMinutes(5));

        assertThat(store.listForUser(alice)).containsExactly(longLived, shortLived);
        assertThat(store.countLive(clock.instant())).isEqualTo(2);
        assertThat(store.countLive(later)).isEqualTo(1);
        assertThat(store.deleteExpired(later)).isEqualTo(1);
        assertThat(store.listForUser(alice)).containsExactly(longLived);
        assertThat(store.listForUser(UUID.randomUUID())).isEmpty();
    }
}
