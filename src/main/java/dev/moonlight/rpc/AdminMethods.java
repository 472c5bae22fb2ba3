package dev.moonlight.rpc;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.config.SupervisorSection;
import dev.moonlight.instance.InstanceId;
import dev.moonlight.maintenance.MaintenanceMode;
import dev.moonlight.maintenance.MaintenanceState;
import dev.moonlight.pool.BoundedWorkerPool;
import dev.moonlight.pool.PoolStats;
import dev.moonlight.pool.WorkerStatus;
import dev.moonlight.reload.ReloadRefusedException;
import dev.moonlight.reload.Reloader;
import dev.moonlight.server.OpenConnections;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin RPC's methods: {@code status}, {@code workers}, {@code stop}, {@code reload},
 * {@code maintenance.on}, {@code maintenance.off}, and the {@code jobs.*} ones of
 * {@link JobsMethods}. Reading methods answer from memory on the event loop; the
 * maintenance switch writes its file under storage/ and the jobs methods query the job
 * store, so those run on Reactor's bounded-elastic threads.
 */
final class AdminMethods {

	static final List<String> NAMES = Stream
		.concat(Stream.of("status", "workers", "stop", "reload", "maintenance.on", "maintenance.off"),
				JobsMethods.NAMES.stream())
		.toList();

	private static final Logger logger = LoggerFactory.getLogger(AdminMethods.class);

	private final ConfigurableApplicationContext context;

	private final MoonlightSettings settings;

	private final BoundedWorkerPool pool;

	private final MaintenanceMode maintenance;

	private final JsonMapper json;

	private final JobsMethods jobs;

	private final Reloader reloader;

	/** The web server's open connections. */
	private final OpenConnections connections;

	private final AtomicBoolean stopping = new AtomicBoolean();

	private volatile Instant startedAt = Instant.now();

	private volatile String rpcAddress = "";

	AdminMethods(ConfigurableApplicationContext context, MoonlightSettings settings, BoundedWorkerPool pool,
			MaintenanceMode maintenance, JsonMapper json, JobsMethods jobs, Reloader reloader,
			OpenConnections connections) {
		this.context = context;
		this.connections = connections;
		this.reloader = reloader;
		this.settings = settings;
		this.pool = pool;
		this.maintenance = maintenance;
		this.json = json;
		this.jobs = jobs;
	}

	/**
	 * Called once the listener is bound, so {@code status} reports the real address and
	 * the uptime of serving.
	 */
	void listening(String address) {
		this.rpcAddress = address;
		this.startedAt = Instant.now();
	}

	/**
	 * The method's result and what must happen after it is written; an unknown name is an
	 * {@link RpcException}.
	 */
	Mono<Outcome> call(RpcRequest request) {
		return switch (request.method()) {
			case "status" -> Mono.fromSupplier(() -> new Outcome(status()));
			case "workers" -> Mono.fromSupplier(() -> new Outcome(workers()));
			case "stop" -> Mono.fromSupplier(this::stop);
			case "reload" -> blocking(this::reload);
			case "maintenance.on" -> blocking(() -> maintenanceOn(request));
			case "maintenance.off" -> blocking(this::maintenanceOff);
			case "jobs.list", "jobs.stats", "jobs.pause", "jobs.resume", "jobs.failed", "jobs.retry" -> jobs(request);
			default -> Mono.error(new RpcException(
					"Unknown method '" + request.method() + "'. Methods: " + String.join(", ", NAMES) + "."));
		};
	}

	/**
	 * {@code jobs} is {@code null} in an application without jobs: then every jobs method
	 * is refused, saying so.
	 */
	private Mono<Outcome> jobs(RpcRequest request) {
		if (jobs == null) {
			return Mono.error(new RpcException(
					request.method() + " is not available: this application has no jobs" + " (no JobControl bean)."));
		}
		return blocking(() -> {
			try {
				return jobs.call(request.method(), request.params());
			}
			catch (IllegalArgumentException | IllegalStateException ex) {
				// An unknown pipeline or jobs that are off: the client's mistake,
				// answered in its words, not logged.
				throw new RpcException(ex.getMessage());
			}
		});
	}

	private ObjectNode status() {
		ObjectNode status = json.createObjectNode();
		status.put("pid", ProcessHandle.current().pid());
		status.put("instance", instance());
		status.put("app", settings.app().name());
		status.put("address", httpAddress());
		status.put("rpc", rpcAddress);
		status.put("started_at", startedAt.toString());
		status.put("uptime_ms", Duration.between(startedAt, Instant.now()).toMillis());
		status.set("maintenance", maintenance(maintenance.state()));
		return status;
	}

	private String httpAddress() {
		int port = (context instanceof WebServerApplicationContext web && web.getWebServer() != null)
				? web.getWebServer().getPort() : settings.listen().port();
		String host = settings.listen().host();
		return "http://" + ((host.indexOf(':') >= 0) ? "[" + host + "]" : host) + ":" + port;
	}

	private ObjectNode workers() {
		ArrayNode rows = json.createArrayNode();
		for (WorkerStatus worker : pool.workers()) {
			ObjectNode row = rows.addObject();
			row.put("id", worker.id());
			row.put("thread", worker.thread());
			row.put("thread_id", worker.threadId());
			row.put("state", worker.state());
			row.put("executions", worker.executions());
			row.put("action", worker.action());
			row.put("busy_ms", worker.busyMillis());
			row.put("age_ms", worker.ageMillis());
			row.put("cpu_ns", worker.cpuNanos());
			row.put("allocated_bytes", worker.allocatedBytes());
		}
		ObjectNode result = json.createObjectNode();
		result.set("workers", rows);
		result.set("pool", poolSummary());
		result.set("process",
				ProcessFigures.fill(json.createObjectNode(), connections.open()).put("instance", instance()));
		return result;
	}

	/** This instance's id ({@link InstanceId}), which its logs and metrics carry too. */
	private String instance() {
		return context.getEnvironment().getProperty(InstanceId.PROPERTY);
	}

	private ObjectNode poolSummary() {
		PoolStats stats = pool.stats();
		ObjectNode summary = json.createObjectNode();
		summary.put("workers", stats.workers());
		summary.put("threads", stats.threads());
		summary.put("busy", stats.busy());
		summary.put("idle", stats.idle());
		summary.put("queued", stats.queued());
		summary.put("max_queue_size", pool.limits().maxQueueSize());
		summary.put("executions", stats.executions());
		summary.put("rejections", stats.rejections());
		summary.put("timeouts", stats.timeouts());
		summary.put("recycled", stats.recycled());
		SupervisorSection supervisor = pool.limits().supervisor();
		summary.put("max_jobs", supervisor.maxJobs());
		summary.put("ttl_ms", supervisor.ttl().toMillis());
		summary.put("idle_ttl_ms", supervisor.idleTtl().toMillis());
		summary.put("max_worker_memory_mb", settings.http().pool().supervisor().maxWorkerMemoryMb());
		return summary;
	}

	private Outcome stop() {
		ObjectNode result = json.createObjectNode();
		result.put("pid", ProcessHandle.current().pid());
		result.put("stopping", true);
		if (!stopping.compareAndSet(false, true)) {
			return new Outcome(result);
		}
		logger.info("Stopping: asked to over the admin RPC");
		// Closing waits for in-flight calls (destroy_timeout), so it runs on its own
		// thread, after the answer is written; non-daemon, so the JVM does not exit
		// halfway through the shutdown.
		return new Outcome(result, () -> new Thread(context::close, "moonlight-rpc-stop").start());
	}

	/**
	 * Starts the new process and answers at once; the caller follows the hand-over in
	 * {@code status_file}.
	 */
	private ObjectNode reload() {
		if (reloader == null) {
			throw new RpcException("reload is not available in this application (no Reloader bean).");
		}
		Reloader.Started started;
		try {
			started = reloader.start();
		}
		catch (ReloadRefusedException ex) {
			throw new RpcException(ex.getMessage());
		}
		ObjectNode result = json.createObjectNode();
		result.put("pid", started.pid());
		result.put("successor", started.successor());
		result.put("status_file", started.statusFile().toString());
		return result;
	}

	private ObjectNode maintenanceOn(RpcRequest request) throws IOException {
		String message = request.text("message");
		Long retryAfter = request.wholeNumber("retry_after");
		String bypass = request.text("bypass");
		try {
			return maintenance(maintenance.turnOn(message, retryAfter, bypass));
		}
		catch (IllegalArgumentException ex) {
			throw new RpcException(ex.getMessage());
		}
	}

	private ObjectNode maintenanceOff() throws IOException {
		boolean wasEnabled = maintenance.state().enabled();
		ObjectNode result = maintenance(maintenance.turnOff());
		result.put("was_enabled", wasEnabled);
		return result;
	}

	/**
	 * The state without the bypass token itself: whether one is set is all a client needs
	 * to know.
	 */
	private ObjectNode maintenance(MaintenanceState state) {
		ObjectNode node = json.createObjectNode();
		node.put("enabled", state.enabled());
		node.put("message", state.message());
		if (state.retryAfterSeconds() >= 0) {
			node.put("retry_after", state.retryAfterSeconds());
		}
		else {
			node.putNull("retry_after");
		}
		node.put("bypass", state.hasBypass());
		return node;
	}

	private static Mono<Outcome> blocking(IoSupplier work) {
		return Mono.fromCallable(() -> new Outcome(work.get())).subscribeOn(Schedulers.boundedElastic());
	}

	@FunctionalInterface
	private interface IoSupplier {

		ObjectNode get() throws IOException;

	}

	/** A method's result and what to run after it was written. */
	record Outcome(ObjectNode result, Runnable afterSent) {

		Outcome(ObjectNode result) {
			this(result, RpcAnswer.NOTHING);
		}

	}

}
