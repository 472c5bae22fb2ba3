package dev.moonlight.realtime;

import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel events through Redis pub/sub ({@code BROKER=redis}), so a subscriber on any
 * instance gets the events published on every other. Each instance publishes on one
 * connection and listens on another with one pattern subscription for all its channels
 * ({@code moonlight:*}); an event published here comes back through Redis like everyone
 * else's, so it is delivered exactly once. Lettuce reconnects and subscribes again on its
 * own after Redis restarts or the connection breaks; meanwhile {@link #connected} is
 * false ({@code /ready} fails) and events published are lost, as pub/sub promises no
 * more. The loss and the return are logged once each.
 * <p>
 * Each broker has its own client resources (event loops), so two applications in one JVM
 * share no connection.
 */
final class RedisBroker implements Broker {

	private static final Logger logger = LoggerFactory.getLogger(RedisBroker.class);

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private final ClientResources resources;

	private final RedisClient client;

	private final StatefulRedisConnection<String, byte[]> publisher;

	private final StatefulRedisPubSubConnection<String, byte[]> subscriber;

	/** Set at close, so the connections' own closing is not reported as a loss. */
	private volatile boolean closing;

	/**
	 * Whether the last change seen was a loss, so each loss and return is logged once.
	 */
	private final AtomicBoolean lost = new AtomicBoolean();

	private RedisBroker(ClientResources resources, RedisClient client,
			StatefulRedisConnection<String, byte[]> publisher,
			StatefulRedisPubSubConnection<String, byte[]> subscriber) {
		this.resources = resources;
		this.client = client;
		this.publisher = publisher;
		this.subscriber = subscriber;
		client.addListener(new RedisConnectionStateListener() {

			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
				if (!closing && lost.compareAndSet(false, true)) {
					logger.warn("realtime: lost Redis; reconnecting (not ready meanwhile; events published meanwhile"
							+ " are lost)");
				}
			}

			@Override
			public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
				if (connected() && lost.compareAndSet(true, false)) {
					logger.info("realtime: Redis reconnected; events flow again");
				}
			}

		});
	}

	@Override
	public boolean connected() {
		return publisher.isOpen() && (subscriber == null || subscriber.isOpen());
	}

	/**
	 * Connects at boot, so a wrong address fails the start rather than the first event.
	 * @param url the Redis URL
	 * @param pattern the channels to listen to, such as {@code moonlight:*}
	 * @param receiver gets each event of a matching channel, or {@code null} for an
	 * instance that only publishes
	 * @throws IllegalStateException when Redis cannot be reached, naming the address
	 * (never its password)
	 */
	static RedisBroker connect(String url, String pattern, BiConsumer<String, byte[]> receiver) {
		ClientResources resources = DefaultClientResources.builder()
			.ioThreadPoolSize(2)
			.computationThreadPoolSize(2)
			.build();
		RedisClient client = RedisClient.create(resources, RedisURI.create(url));
		client.setOptions(ClientOptions.builder()
			.socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
			.build());
		StatefulRedisConnection<String, byte[]> publisher = null;
		try {
			publisher = client.connect(CODEC);
			StatefulRedisPubSubConnection<String, byte[]> subscriber = null;
			if (receiver != null) {
				subscriber = client.connectPubSub(CODEC);
				subscriber.addListener(new Listener(receiver));
				subscriber.sync().psubscribe(pattern);
			}
			logger.info("realtime: events travel through Redis at {} on {}", printable(url), pattern);
			return new RedisBroker(resources, client, publisher, subscriber);
		}
		catch (RuntimeException ex) {
			if (publisher != null) {
				publisher.close();
			}
			shutdown(client, resources);
			throw new IllegalStateException("realtime: cannot reach Redis at " + printable(url)
					+ " ([realtime] BROKER=redis): " + ex.getMessage()
					+ ". Start Redis, or point [realtime] REDIS_URL / REDIS_URL at a running server.", ex);
		}
	}

	@Override
	public void publish(String channel, byte[] frame) {
		publisher.async().publish(channel, frame).whenComplete((receivers, failure) -> {
			if (failure != null) {
				logger.warn("realtime.publish: Redis did not take the event on {}: {}", channel, failure.toString());
			}
		});
	}

	@Override
	public void close() {
		closing = true;
		if (subscriber != null) {
			subscriber.close();
		}
		publisher.close();
		shutdown(client, resources);
	}

	private static void shutdown(RedisClient client, ClientResources resources) {
		client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		resources.shutdown(0, 2, TimeUnit.SECONDS);
	}

	/** The URL without user and password, for log lines and errors. */
	static String printable(String url) {
		try {
			URI uri = URI.create(url);
			return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() > 0) ? ":" + uri.getPort() : "")
					+ ((uri.getPath() != null) ? uri.getPath() : "");
		}
		catch (IllegalArgumentException ex) {
			return "(unreadable URL)";
		}
	}

	private static final class Listener extends RedisPubSubAdapter<String, byte[]> {

		private final BiConsumer<String, byte[]> receiver;

		Listener(BiConsumer<String, byte[]> receiver) {
			this.receiver = receiver;
		}

		@Override
		public void message(String pattern, String channel, byte[] message) {
			try {
				receiver.accept(channel, message);
			}
			catch (RuntimeException ex) {
				logger.warn("realtime: delivering an event of {} failed", channel, ex);
			}
		}

	}

}
