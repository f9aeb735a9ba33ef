package dev.gatehouse.core.spi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StoreEventsTest {
    @Test
    void everyEventSurvivesTheWire() {
        UUID id = UUID.randomUUID();
        for (StoreEvent event : List.of(new StoreEvent.SessionEnded(id, Optional.of("abcdefghijklmnopqrstuvwxyz_-0123456789ABCDEFG")),
                new StoreEvent.SessionEnded(id, Optional.empty()), new StoreEvent.UserSessionsEnded(id), new StoreEvent.UserChanged(id),
                new StoreEvent.JtiRevoked("Zx3_kLq9-0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456"), new StoreEvent.UserNotBeforeSet(id),
                new StoreEvent.ClientChanged("grafana.prod_1"), new StoreEvent.KeysChanged(), new StoreEvent.Resync())) {
            assertThat(StoreEvents.decode(StoreEvents.encode(event))).isEqualTo(event);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "session-ended", "session-ended not-a-uuid", "user-changed", "who-knows 1 2", "KEYS-CHANGED",
            "jti-revoked", "jti-revoked short", "jti-revoked <script>alert(1)</script>", "user-not-before 42",
            "keys-changed now", "user-changed 8d3a8a34-3b8e-4f0e-9f7f-2b8a1f3c9d10 extra",
            "session-ended 8d3a8a34-3b8e-4f0e-9f7f-2b8a1f3c9d10 <script>",
            "session-ended 8d3a8a34-3b8e-4f0e-9f7f-2b8a1f3c9d10 aaaaaaaaaaaaaaaaaaaa extra",
            "session-ended  8d3a8a34-3b8e-4f0e-9f7f-2b8a1f3c9d10", "client-changed", "client-changed ..", "client-changed a/b",
            "client-changed grafana extra", "client-changed 8d3a8a34-3b8e-4f0e-9f7f-2b8a1f3c9d10"})
    void anUnreadableLineMeansForgetEverything(String line) {
        assertThat(StoreEvents.decode(line)).isEqualTo(new StoreEvent.Resync());
    }

    @Test
    void aSessionEndedWithoutItsHashIsReadByItsIdAlone() {
        UUID id = UUID.randomUUID();
        assertThat(StoreEvents.decode("session-ended " + id)).isEqualTo(new StoreEvent.SessionEnded(id, Optional.empty()));
    }
}
