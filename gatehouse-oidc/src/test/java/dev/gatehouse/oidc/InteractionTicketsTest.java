package dev.gatehouse.oidc;

import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class InteractionTicketsTest {
    private final MutableClock clock = MutableClock.atFixedStart();
    private final byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final InteractionTickets tickets = new InteractionTickets(secret, clock);
    private final Map<String, String> request = Map.of("client_id", "wiki", "state", "s-1");

    @Test
    void aTicketCarriesTheRequestTheTimeAndTheSession() {
        UUID session = UUID.randomUUID();
        String ticket = tickets.issue(InteractionTickets.Purpose.CONSENT, request, Optional.of(session));

        InteractionTickets.Ticket read = tickets.read(ticket, InteractionTickets.Purpose.CONSENT).orElseThrow();
        assertThat(read.parameters()).isEqualTo(request);
        assertThat(read.issuedAt()).isEqualTo(clock.instant());
        assertThat(read.sessionId()).contains(session);
    }

    @Test
    void aTicketServesOnlyItsOwnPageAndOnlyForFifteenMinutes() {
        String ticket = tickets.issue(InteractionTickets.Purpose.SIGN_IN, request, Optional.empty());
        assertThat(tickets.read(ticket, InteractionTickets.Purpose.CONSENT)).isEmpty();
        assertThat(tickets.read(ticket, InteractionTickets.Purpose.SIGN_OUT)).isEmpty();
        clock.advance(InteractionTickets.TTL.minusSeconds(1));
        assertThat(tickets.read(ticket, InteractionTickets.Purpose.SIGN_IN)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tickets.read(ticket, InteractionTickets.Purpose.SIGN_IN)).isEmpty();
    }

    @Test
    void aForgedChangedOrForeignTicketIsNothing() {
        String ticket = tickets.issue(InteractionTickets.Purpose.SIGN_IN, request, Optional.empty());
        String[] parts = ticket.split("\\.");
        InteractionTickets other = new InteractionTickets("another secret of 32 bytes......".getBytes(StandardCharsets.US_ASCII),
                clock);
        assertThat(other.read(ticket, InteractionTickets.Purpose.SIGN_IN)).as("another server's secret").isEmpty();
        // A middle character: the last one of a Base64 part carries bits a decoder drops.
        int middle = parts[1].length() / 2;
        String changed = parts[0] + "." + parts[1].substring(0, middle) + (parts[1].charAt(middle) == 'A' ? 'B' : 'A')
                + parts[1].substring(middle + 1) + "." + parts[2];
        assertThat(tickets.read(changed, InteractionTickets.Purpose.SIGN_IN)).isEmpty();
        String none = "eyJhbGciOiJub25lIn0." + parts[1] + ".";
        assertThat(tickets.read(none, InteractionTickets.Purpose.SIGN_IN)).isEmpty();
        for (String garbage : new String[] {"", "a.b.c", "x", ticket + ".x"}) {
            assertThat(tickets.read(garbage, InteractionTickets.Purpose.SIGN_IN)).as(garbage).isEmpty();
        }
    }
}
