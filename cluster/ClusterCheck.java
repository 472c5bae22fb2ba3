import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client of cluster/run.sh: each command drives DeskFlow instances on loopback with the JDK's HttpClient and
 * WebSocket only, and prints one line, {@code PASS|FAIL|INFO <figures>}, that run.sh puts in its table (exit code 1 on
 * FAIL). Every command is bounded in count and time. A single-file program: {@code java cluster/ClusterCheck.java
 * COMMAND ...}.
 *
 * <pre>
 * token    BASE EMAIL PASSWORD                       registers the member (once), prints its token
 * state    BASE1,BASE2,BASE3 EMAIL PASSWORD CALLS    login on 1, token used on 2 and 3, calls spread over all
 * realtime BASE1 BASE3 TOKEN EVENTS                  socket on 1, tasks created through 3: every event, in order
 * jobs     BASES TOKEN EMAIL COUNT OUT [PID AFTER]  COUNT assigns (a mail job each) spread over BASES; with a
 *                                                    pid, kill -9 it once KILL_AFTER were acknowledged; then every
 *                                                    acknowledged job must be done within 20 s; job ids into OUT
 * load     BASE TOKEN CONNS PACE_MS MAX_SECONDS STOP_FILE OUT keys|nokeys [KILL_PID KILL_AT_SECONDS]
 *                                                    mixed load (each connection pausing PACE_MS between calls) for
 *                                                    MAX_SECONDS or until STOP_FILE exists; acknowledged titles into OUT
 * switch   BASES STATUS SECONDS [LIMIT_MS]           polls welcome.ping on every base until all answer STATUS
 *                                                    (PASS when all do within LIMIT_MS)
 * </pre>
 */
public final class ClusterCheck {

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern TASK_ID = Pattern.compile("\"task\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*(\\d+)");

	private static final Pattern JOB_ID = Pattern.compile("\"job_id\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");

	private static final Pattern EVENT = Pattern.compile("\"event\"\\s*:\\s*\"task\\.created\"");

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private ClusterCheck() {
	}

	public static void main(String[] args) throws Exception {
		boolean pass = switch (args[0]) {
			case "token" -> token(args);
			case "state" -> state(args);
			case "realtime" -> realtime(args);
			case "jobs" -> jobs(args);
			case "load" -> load(args);
			case "switch" -> statusSwitch(args);
			default -> throw new IllegalArgumentException("unknown command " + args[0]);
		};
		System.exit(pass ? 0 : 1);
	}

	record Answer(int status, String body) {
	}

	static Answer call(String base, String json, String token, String key) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/"))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.body());
	}

	static Answer get(String url) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
		HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.body());
	}

	static String group(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? matcher.group(1) : null;
	}

	static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	static boolean verdict(boolean pass, String figures) {
		System.out.println((pass ? "PASS " : "FAIL ") + figures);
		return pass;
	}

	static String login(String base, String email, String password) throws Exception {
		call(base, "{\"service\":\"member\",\"action\":\"register\",\"name\":\"Cluster\",\"email\":" + quote(email)
				+ ",\"password\":" + quote(password) + "}", null, null);
		Answer answer = call(base, "{\"service\":\"member\",\"action\":\"login\",\"email\":" + quote(email)
				+ ",\"password\":" + quote(password) + "}", null, null);
		String token = group(TOKEN, answer.body());
		if (answer.status() != 200 || token == null) {
			throw new IllegalStateException("no token from member.login on " + base + ": " + answer);
		}
		return token;
	}

	static String createTask(String base, String token, String title, String key) throws Exception {
		Answer answer = call(base, "{\"service\":\"task\",\"action\":\"create\",\"title\":" + quote(title) + "}",
				token, key);
		return (answer.status() == 200) ? group(TASK_ID, answer.body()) : null;
	}

	static boolean token(String[] args) throws Exception {
		System.out.println(login(args[1], args[2], args[3]));
		return true;
	}

	/** A login on the first base; its token on every other; calls spread over all. */
	static boolean state(String[] args) throws Exception {
		String[] bases = args[1].split(",");
		int calls = Integer.parseInt(args[4]);
		String token = login(bases[0], args[2], args[3]);
		int profiles = 0;
		for (int i = 1; i < bases.length; i++) {
			Answer answer = call(bases[i], "{\"service\":\"member\",\"action\":\"profile\"}", token, null);
			profiles += (answer.status() == 200 && answer.body().contains(args[2])) ? 1 : 0;
		}
		int answered = 0;
		for (int i = 0; i < calls; i++) {
			// Created on one instance, read on the next, listed on the third: nothing held in memory.
			String id = createTask(bases[i % bases.length], token, "state " + i, null);
			Answer read = call(bases[(i + 1) % bases.length],
					"{\"service\":\"task\",\"action\":\"get\",\"id\":" + id + "}", null, null);
			Answer list = call(bases[(i + 2) % bases.length], "{\"service\":\"task\",\"action\":\"list\"}", null,
					null);
			answered += (id != null && read.status() == 200 && list.status() == 200) ? 3 : 0;
		}
		return verdict(profiles == bases.length - 1 && answered == 3 * calls,
				"token from instance 1 accepted by " + profiles + "/" + (bases.length - 1) + " others; "
						+ answered + "/" + (3 * calls) + " create/get/list calls answered 200 across instances");
	}

	/** A socket on one instance sees, in order and once each, the tasks created through another. */
	static boolean realtime(String[] args) throws Exception {
		String wsUrl = args[1].replaceFirst("^http", "ws") + "/api/v1/ws";
		String token = args[3];
		int count = Integer.parseInt(args[4]);
		List<String> events = new CopyOnWriteArrayList<>();
		Map<String, Long> arrived = new ConcurrentHashMap<>();
		CountDownLatch subscribed = new CountDownLatch(1);
		WebSocket.Listener listener = new WebSocket.Listener() {
			private final StringBuilder text = new StringBuilder();

			@Override
			public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
				this.text.append(data);
				if (last) {
					String message = this.text.toString();
					this.text.setLength(0);
					if (message.contains("\"Subscribed\"")) {
						subscribed.countDown();
					}
					else if (EVENT.matcher(message).find()) {
						String id = group(TASK_ID, message);
						events.add(id);
						arrived.putIfAbsent(id, System.nanoTime());
					}
				}
				socket.request(1);
				return null;
			}
		};
		WebSocket socket = HTTP.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(URI.create(wsUrl), listener)
			.get(10, TimeUnit.SECONDS);
		socket.sendText("{\"id\":1,\"subscribe\":\"tasks\"}", true).get(5, TimeUnit.SECONDS);
		if (!subscribed.await(5, TimeUnit.SECONDS)) {
			return verdict(false, "no Subscribed answer on " + wsUrl);
		}
		List<String> created = new ArrayList<>();
		Map<String, Long> sent = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			String id = createTask(args[2], token, "realtime " + i, null);
			if (id != null) {
				created.add(id);
				sent.put(id, start);
			}
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (!arrived.keySet().containsAll(created) && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		Thread.sleep(200); // a duplicate would come right behind its first copy
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
		List<String> ours = events.stream().filter(sent::containsKey).toList();
		int duplicates = ours.size() - new HashSet<>(ours).size();
		boolean inOrder = ours.stream().distinct().toList().equals(created);
		long worst = 0;
		for (String id : created) {
			Long at = arrived.get(id);
			worst = (at != null) ? Math.max(worst, at - sent.get(id)) : worst;
		}
		int received = new HashSet<>(ours).size();
		return verdict(created.size() == count && received == count && duplicates == 0 && inOrder,
				received + "/" + count + " task.created events on instance 1 for tasks created on instance 3, "
						+ duplicates + " duplicates, " + (inOrder ? "in order" : "OUT OF ORDER") + ", slowest "
						+ TimeUnit.NANOSECONDS.toMillis(worst) + " ms after its create was sent");
	}

	/** Assigns spread over the bases, each queuing a mail job; optionally kill -9 one instance mid-run. */
	static boolean jobs(String[] args) throws Exception {
		String[] bases = args[1].split(",");
		String token = args[2];
		String email = args[3];
		int count = Integer.parseInt(args[4]);
		Path out = Path.of(args[5]);
		long killPid = (args.length > 6) ? Long.parseLong(args[6]) : -1;
		int killAfter = (args.length > 7) ? Integer.parseInt(args[7]) : -1;
		int conns = 8;
		Set<String> jobIds = ConcurrentHashMap.newKeySet();
		AtomicInteger attempts = new AtomicInteger();
		AtomicLong killedAt = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(conns);
		for (int c = 0; c < conns; c++) {
			int conn = c;
			pool.submit(() -> {
				String task = null;
				for (int n = 0; task == null && n < 20; n++) {
					task = quietly(() -> createTask(bases[(conn + 1) % bases.length], token, "jobs " + conn, null));
				}
				while (task != null && jobIds.size() < count && attempts.incrementAndGet() < count * 3) {
					String base = bases[attempts.get() % bases.length];
					String body = "{\"service\":\"task\",\"action\":\"assign\",\"id\":" + task
							+ ",\"assignee\":" + quote(email) + "}";
					Answer answer = quietly(() -> call(base, body, token, null));
					String job = (answer != null && answer.status() == 200) ? group(JOB_ID, answer.body()) : null;
					if (job != null && jobIds.size() < count) {
						jobIds.add(job);
					}
					if (killPid > 0 && jobIds.size() >= killAfter && killedAt.compareAndSet(0, System.nanoTime())) {
						ProcessHandle.of(killPid).ifPresent(ProcessHandle::destroyForcibly);
					}
				}
				return null;
			});
		}
		pool.shutdown();
		pool.awaitTermination(120, TimeUnit.SECONDS);
		long queuedAt = System.nanoTime();
		Files.write(out, jobIds);
		long from = (killedAt.get() != 0) ? killedAt.get() : queuedAt;
		Map<String, String> states = waitDone(bases, token, jobIds, from, 25);
		long doneAt = System.nanoTime();
		long notDone = states.values().stream().filter((state) -> !state.equals("done")).count();
		double seconds = (doneAt - from) / 1e9;
		String since = (killedAt.get() != 0) ? "the kill -9" : "the last was queued";
		boolean pass = jobIds.size() == count && notDone == 0 && seconds <= 20
				&& (killPid <= 0 || killedAt.get() != 0);
		return verdict(pass, jobIds.size() + "/" + count + " jobs acknowledged, " + (jobIds.size() - notDone)
				+ " done " + String.format("%.1f", seconds) + " s after " + since
				+ (notDone > 0 ? " (" + notDone + " not done: " + count(states) + ")" : ""));
	}

	/** Polls jobs.status (on any base that answers) until every job is done or the deadline. */
	static Map<String, String> waitDone(String[] bases, String token, Set<String> jobIds, long from, int seconds)
			throws Exception {
		Map<String, String> states = new ConcurrentHashMap<>();
		jobIds.forEach((id) -> states.put(id, "unknown"));
		long deadline = from + TimeUnit.SECONDS.toNanos(seconds);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			while (states.containsValue("unknown") || states.values().stream().anyMatch((s) -> !s.equals("done"))) {
				if (System.nanoTime() > deadline) {
					break;
				}
				List<java.util.concurrent.Future<?>> rounds = new ArrayList<>();
				for (Map.Entry<String, String> entry : states.entrySet()) {
					if (entry.getValue().equals("done")) {
						continue;
					}
					rounds.add(pool.submit(() -> {
						for (String base : bases) {
							Answer answer = quietly(() -> call(base, "{\"service\":\"jobs\",\"action\":\"status\","
									+ "\"job_id\":" + quote(entry.getKey()) + "}", token, null));
							if (answer != null && answer.status() == 200) {
								entry.setValue(String.valueOf(group(STATUS, answer.body())));
								return;
							}
						}
					}));
				}
				for (java.util.concurrent.Future<?> round : rounds) {
					round.get();
				}
				Thread.sleep(100);
			}
		}
		finally {
			pool.shutdownNow();
		}
		return states;
	}

	static Map<String, Integer> count(Map<String, String> states) {
		Map<String, Integer> counts = new TreeMap<>();
		states.values().forEach((state) -> counts.merge(state, 1, Integer::sum));
		return counts;
	}

	interface Attempt<T> {

		T run() throws Exception;

	}

	static <T> T quietly(Attempt<T> attempt) {
		try {
			return attempt.run();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (Exception ex) {
			return null;
		}
	}

	/** Mixed load through one address until the stop file appears; with keys, a failed call is sent again. */
	static boolean load(String[] args) throws Exception {
		Load load = new Load(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
				Integer.parseInt(args[5]), Path.of(args[6]), Path.of(args[7]), args[8].equals("keys"),
				(args.length > 9) ? Long.parseLong(args[9]) : -1, (args.length > 10) ? Double.parseDouble(args[10]) : 0);
		return load.run();
	}

	/** Polls every base until all answer welcome.ping with the status; prints how long that took. */
	static boolean statusSwitch(String[] args) throws Exception {
		String[] bases = args[1].split(",");
		int status = Integer.parseInt(args[2]);
		long start = System.nanoTime();
		long deadline = start + TimeUnit.SECONDS.toNanos(Integer.parseInt(args[3]));
		Map<String, Long> switched = new TreeMap<>();
		while (switched.size() < bases.length && System.nanoTime() < deadline) {
			for (String base : bases) {
				Answer answer = quietly(() -> call(base, "{\"service\":\"welcome\",\"action\":\"ping\"}", null, null));
				if (answer != null && answer.status() == status) {
					switched.putIfAbsent(base, System.nanoTime() - start);
				}
				else {
					switched.remove(base); // flapping back counts as not switched
				}
			}
			Thread.sleep(20);
		}
		long slowest = TimeUnit.NANOSECONDS.toMillis(switched.values().stream().mapToLong(Long::longValue).max().orElse(0));
		long limit = (args.length > 4) ? Long.parseLong(args[4]) : Long.MAX_VALUE;
		return verdict(switched.size() == bases.length && slowest <= limit, switched.size() + "/" + bases.length
				+ " instances answer " + status + ", the last " + slowest + " ms after the command returned");
	}

	/** The load of the rolling restart and the kill -9: a create, 2 GET pings, a read, a welcome.ping in 5. */
	static final class Load {

		private final String base;

		private final String token;

		private final int conns;

		private final int paceMillis;

		private final long deadline;

		private final Path stopFile;

		private final Path out;

		private final boolean keys;

		private final long killPid;

		private final double killAt;

		private final String run = UUID.randomUUID().toString().substring(0, 8);

		private final AtomicInteger requests = new AtomicInteger();

		private final AtomicInteger retried = new AtomicInteger();

		private final Map<String, Integer> failures = new ConcurrentHashMap<>();

		private final List<String> acknowledged = new CopyOnWriteArrayList<>();

		private final long start = System.nanoTime();

		private volatile boolean killed;

		Load(String base, String token, int conns, int paceMillis, int maxSeconds, Path stopFile, Path out, boolean keys,
				long killPid, double killAt) {
			this.base = base;
			this.token = token;
			this.conns = conns;
			this.paceMillis = paceMillis;
			this.deadline = this.start + TimeUnit.SECONDS.toNanos(maxSeconds);
			this.stopFile = stopFile;
			this.out = out;
			this.keys = keys;
			this.killPid = killPid;
			this.killAt = killAt;
		}

		boolean run() throws Exception {
			ExecutorService pool = Executors.newFixedThreadPool(this.conns);
			for (int c = 0; c < this.conns; c++) {
				int conn = c;
				pool.submit(() -> work(conn));
			}
			pool.shutdown();
			pool.awaitTermination(TimeUnit.NANOSECONDS.toSeconds(this.deadline - this.start) + 60, TimeUnit.SECONDS);
			Files.write(this.out, this.acknowledged);
			int failed = this.failures.values().stream().mapToInt(Integer::intValue).sum();
			double seconds = (System.nanoTime() - this.start) / 1e9;
			String figures = this.requests.get() + " requests in " + String.format("%.0f", seconds) + " s ("
					+ this.conns + " connections), " + failed + " failed" + (failed > 0 ? " " + this.failures : "")
					+ ", " + this.acknowledged.size() + " creates acknowledged"
					+ (this.keys ? ", " + this.retried.get() + " calls sent again with their key" : "");
			if (this.killPid > 0 && !this.killed) {
				return verdict(false, figures + "; the kill -9 did not happen");
			}
			// Without keys a failure is the figure this row measures, not a defect; with keys there must be none.
			System.out.println(((failed == 0) ? "PASS " : (this.keys ? "FAIL " : "INFO ")) + figures);
			return failed == 0 || !this.keys;
		}

		private boolean running() {
			return System.nanoTime() < this.deadline && !Files.exists(this.stopFile);
		}

		private Void work(int conn) {
			String task = null;
			for (int n = 0; running(); n++) {
				maybeKill();
				String title = "load " + this.run + " " + conn + " " + n;
				int kind = n % 5;
				Answer answer = send(kind, conn, n, title, task);
				this.requests.incrementAndGet();
				if (answer == null || answer.status() != 200) {
					String what = new String[] { "task.create", "GET ping", "task.get", "GET ping", "welcome.ping" }[kind]
							+ " " + ((answer == null) ? "no answer" : answer.status());
					this.failures.merge(what, 1, Integer::sum);
				}
				else if (kind == 0) {
					this.acknowledged.add(title);
					task = group(TASK_ID, answer.body());
				}
				sleep(this.paceMillis);
			}
			return null;
		}

		private void maybeKill() {
			if (this.killPid > 0 && !this.killed && System.nanoTime() - this.start > this.killAt * 1e9) {
				synchronized (this) {
					if (!this.killed) {
						ProcessHandle.of(this.killPid).ifPresent(ProcessHandle::destroyForcibly);
						this.killed = true;
					}
				}
			}
		}

		/** One call; with keys, sent again (same key) while it fails or gets 409, up to 10 times over ~10 s. */
		private Answer send(int kind, int conn, int n, String title, String task) {
			String key = this.keys ? this.run + "-" + conn + "-" + n : null;
			Answer answer = null;
			for (int attempt = 0; attempt < (this.keys ? 10 : 1); attempt++) {
				if (attempt > 0) {
					this.retried.incrementAndGet();
					sleep(attempt * 200L);
				}
				answer = quietly(() -> once(kind, title, task, key));
				// 409: the key's first call still runs elsewhere; asked again, it gets that call's answer.
				if (answer != null && answer.status() < 500 && !(this.keys && answer.status() == 409)) {
					return answer;
				}
			}
			return answer;
		}

		private Answer once(int kind, String title, String task, String key) throws Exception {
			return switch (kind) {
				case 0 -> call(this.base, "{\"service\":\"task\",\"action\":\"create\",\"title\":" + quote(title) + "}",
						this.token, key);
				case 1, 3 -> get(this.base + "/api/v1/ping");
				case 2 -> (task == null) ? call(this.base, "{\"service\":\"welcome\",\"action\":\"ping\"}", null, null)
						: call(this.base, "{\"service\":\"task\",\"action\":\"get\",\"id\":" + task + "}",
								null, null);
				default -> call(this.base, "{\"service\":\"welcome\",\"action\":\"ping\"}", null, null);
			};
		}

		private static void sleep(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
