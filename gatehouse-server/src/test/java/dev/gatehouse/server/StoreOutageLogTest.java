package dev.gatehouse.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gatehouse.core.spi.StoreOutage;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.testing.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a store outage writes to the log: one WARN when it starts and one when it ends, and at most
 * one line, without a stack trace, per refused request, through a real PostgreSQL cut off by a
 * {@link TcpProxy}.
 */
class StoreOutageLogTest {
    private static final String ADA = "{\"email\":\"ada@example.com\",\"password\":\"correct horse battery\"}";
    /** Each waits for the pool's connection timeout (a few seconds) before it is refused. */
    private static final int REFUSED_REQUESTS = 6;

    private SharedPostgres postgres;
    private TcpProxy proxy;
    private GatehouseServer server;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @AfterEach
    void stop() throws Exception {
        root.detachAppender(log);
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void anOutageIsOneWarnAtItsStartOneAtItsEndAndAtMostOneLinePerRefusedRequest() throws Exception {
        postgres = SharedPostgres.create();
        proxy = TcpProxy.to(postgres.address().getHostString(), postgres.address().getPort());
        server = GatehouseServer.start(ConfigLoader.load(Map.of("STORE", "postgres", "API_PORT", "0", "GATEHOUSE_REGISTRATION", "open",
                "GATEHOUSE_DB_URL", postgres.urlThrough(proxy.port())), Map.of()), Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));
        assertThat(Http.send("POST", server.port(), "/api/v1/users", ADA).statusCode()).isEqualTo(201);
        HttpResponse<String> login = Http.send("POST", server.port(), "/api/v1/auth/login", ADA);
        String[] cookie = {"Cookie", "gatehouse_session=" + Http.cookie(login, "gatehouse_session").orElseThrow()};
        log.start();
        root.addAppender(log);

        proxy.cut();
        List<Integer> statuses = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (statuses.stream().filter(s -> s == 503).count() < REFUSED_REQUESTS && System.nanoTime() < deadline) {
            // Sign-ins need the user record, which is never answered from a stale copy.
            statuses.add(Http.send("POST", server.port(), "/api/v1/auth/login", ADA).statusCode());
            statuses.add(Http.send("GET", server.port(), "/api/v1/users/me", null, cookie).statusCode());
        }
        long refused = statuses.stream().filter(s -> s == 503).count();
        assertThat(refused).as("statuses: %s", statuses).isGreaterThanOrEqualTo(REFUSED_REQUESTS);

        proxy.restore();
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int back;
        do {
            back = Http.send("POST", server.port(), "/api/v1/auth/login", ADA).statusCode();
            statuses.add(back);
        } while (back != 200 && System.nanoTime() < deadline);
        assertThat(back).isEqualTo(200);
        root.detachAppender(log);
        refused = statuses.stream().filter(s -> s == 503).count();

        List<ILoggingEvent> events = List.copyOf(log.list);
        List<ILoggingEvent> outage = events.stream().filter(e -> e.getLoggerName().equals(StoreOutage.class.getName())).toList();
        assertThat(outage).extracting(ILoggingEvent::getFormattedMessage).satisfiesExactly(
                start -> assertThat(start).contains("the database", "stopped answering"),
                end -> assertThat(end).contains("the database", "answers again"));
        assertThat(outage).allSatisfy(e -> assertThat(e.getLevel().toString()).isEqualTo("WARN"));
        List<ILoggingEvent> perRequest = events.stream().filter(e -> e.getFormattedMessage().startsWith("request ")).toList();
        assertThat((long) perRequest.size()).as("lines about single requests").isBetween(1L, refused);
        assertThat(events).as("no stack trace in the log").allSatisfy(e -> assertThat(e.getThrowableProxy()).as(e.getFormattedMessage()).isNull());
        assertThat(events).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("correct horse battery").doesNotContain("password="));
        // Everything else the outage logged: the event feed's cut and return, the caches' distrust; a handful, not a line per request.
        assertThat(events.size() - perRequest.size()).as("other lines: %s", events.stream().map(ILoggingEvent::getFormattedMessage).toList())
                .isLessThanOrEqualTo(10);
    }
}
