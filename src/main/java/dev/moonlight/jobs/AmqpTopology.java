package dev.moonlight.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The RabbitMQ side of an amqp pipeline: a durable queue whose rejected messages go
 * through the dead-letter exchange {@value #DEAD_EXCHANGE} into {@code <queue>.dead}, and
 * for delays (a delayed job, a retry's backoff) one queue per delay,
 * {@code <queue>.delay.<ms>}, whose expired messages fall back into the main queue and
 * which the broker deletes once unused. Messages are persistent and each publish waits
 * for the broker's confirm, so a job the API answered 202 for is on disk in the broker.
 */
final class AmqpTopology {

	static final String DEAD_EXCHANGE = "moonlight.jobs.dead";

	/**
	 * RabbitMQ priorities are 0 (lowest) to this; a job's priority (lower first) maps
	 * onto them.
	 */
	static final int MAX_PRIORITY = 10;

	private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

	private final String queue;

	private final RabbitAdmin admin;

	private final RabbitTemplate template;

	AmqpTopology(String queue, ConnectionFactory connections) {
		this.queue = queue;
		this.admin = new RabbitAdmin(connections);
		this.template = new RabbitTemplate(connections);
	}

	String queue() {
		return queue;
	}

	String deadQueue() {
		return queue + ".dead";
	}

	/**
	 * A job's priority (0 and up, lower first, default 10) on RabbitMQ's scale (0 to 10,
	 * higher first): {@code 10 - round(10p / (p + 10))}, so 0 is 10, the default is 5,
	 * and 1000 is 0. Close priorities may share a level; their order is then the order
	 * they were queued in.
	 */
	static int brokerPriority(int priority) {
		int p = Math.max(0, priority);
		return MAX_PRIORITY - (int) Math.round(MAX_PRIORITY * (double) p / (p + MAX_PRIORITY));
	}

	/**
	 * Declares the exchange and queues; idempotent, so every process does it at start.
	 */
	void declare() {
		DirectExchange dead = new DirectExchange(DEAD_EXCHANGE, true, false);
		admin.declareExchange(dead);
		Queue main = QueueBuilder.durable(queue)
			.deadLetterExchange(DEAD_EXCHANGE)
			.deadLetterRoutingKey(queue)
			.maxPriority(MAX_PRIORITY)
			.build();
		admin.declareQueue(main);
		Queue deadLetters = QueueBuilder.durable(deadQueue()).build();
		admin.declareQueue(deadLetters);
		Binding binding = BindingBuilder.bind(deadLetters).to(dead).with(queue);
		admin.declareBinding(binding);
	}

	/**
	 * Publishes a job id, to the main queue or, with a delay, to the delay queue that
	 * feeds it later.
	 */
	void publish(String jobId, int priority, Duration delay) {
		String target = queue;
		if (!delay.isNegative() && !delay.isZero()) {
			// Per-message TTLs expire only at a queue's head, so each delay gets a queue
			// of its own; rounded up to 100 ms to keep their number small. Declared each
			// time: an idle one may have expired.
			int millis = (int) Math.min(Integer.MAX_VALUE - 120_000L, ((delay.toMillis() + 99) / 100) * 100);
			target = queue + ".delay." + millis;
			admin.declareQueue(QueueBuilder.durable(target)
				.ttl(millis)
				.deadLetterExchange("")
				.deadLetterRoutingKey(queue)
				.expires(millis + 60_000)
				.build());
		}
		Message message = MessageBuilder.withBody(jobId.getBytes(StandardCharsets.UTF_8))
			.setMessageId(jobId)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.setPriority(brokerPriority(priority))
			.build();
		String routingKey = target;
		template.invoke((operations) -> {
			operations.send("", routingKey, message);
			operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
			return null;
		});
	}

}
