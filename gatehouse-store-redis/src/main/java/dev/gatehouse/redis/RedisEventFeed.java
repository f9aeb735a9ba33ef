package dev.gatehouse.redis;

import dev.gatehouse.core.spi.EventFeed;
import dev.gatehouse.core.spi.FeedListeners;
import dev.gatehouse.core.spi.StoreEvent;
import dev.gatehouse.core.spi.StoreEvents;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Store events between instances sharing one Redis, over pub/sub on the channel
 * {@code <prefix>events}.
 *
 * <p>Every instance publishes a heartbeat on the channel twice a second, and the feed counts as
 * live only while it heard one (its own or another's) within {@link #LIVENESS}: that proves the
 * whole path, publish to delivery, not just an open socket. When messages come again after a
 * silence, the listeners first get {@link StoreEvent.Resync}, since events sent meanwhile were lost
 * (pub/sub keeps nothing for a subscriber that was away). Lettuce re-subscribes by itself after a
 * reconnect.
 */
final class RedisEventFeed implements EventFeed {
    static final Duration HEARTBEAT = Duration.ofMillis(500);
    static final Duration LIVENESS = Duration.ofMillis(1500);
    private static final String HEARTBEAT_MESSAGE = "heartbeat";
    private static final Logger LOG = LoggerFactory.getLogger(RedisEventFeed.class);

    private final StatefulRedisPubSubConnection<String, String> subscription;
    private final RedisCommands<String, String> commands;
    private final String channel;
    private final FeedListeners listeners = new FeedListeners(LIVENESS);
    private final ScheduledExecutorService heartbeats;
    private volatile boolean closed;

    RedisEventFeed(StatefulRedisPubSubConnection<String, String> subscription, RedisCommands<String, String> commands, String channel) {
        this.subscription = subscription;
        this.commands = commands;
        this.channel = channel;
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                if (from.equals(RedisEventFeed.this.channel)) {
                    heard(message);
                }
            }
        });
        try {
            subscription.sync().subscribe(channel);
        } catch (RuntimeException e) {
            // Nobody else holds the connection yet: a failed start must not leave it open.
            subscription.close();
            throw e;
        }
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("gatehouse-redis-heartbeat").factory());
        heartbeats.scheduleAtFixedRate(this::beat, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void publish(StoreEvent event) {
        try {
            commands.publish(channel, StoreEvents.encode(event));
        } catch (RedisException e) {
            // Other instances' copies then outlive the change by at most their staleness bound.
            LOG.warn("could not announce {}: {}", event.getClass().getSimpleName(), RedisStoreException.reason(e));
        }
    }

    @Override
    public void subscribe(Consumer<StoreEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public boolean live() {
        return !closed && listeners.live();
    }

    @Override
    public void close() {
        closed = true;
        heartbeats.shutdownNow();
        subscription.close();
    }

    private void heard(String message) {
        // Back after a silence (or the first word): listeners resync, for whatever was sent meanwhile is lost.
        listeners.alive();
        if (!message.equals(HEARTBEAT_MESSAGE)) {
            listeners.deliver(StoreEvents.decode(message));
        }
    }

    private void beat() {
        try {
            commands.publish(channel, HEARTBEAT_MESSAGE);
        } catch (RedisException e) {
            // Silence is the signal: live() turns false, and the stores report the outage themselves.
            LOG.debug("heartbeat not sent: {}", RedisStoreException.reason(e));
        }
    }
}
