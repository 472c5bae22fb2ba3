import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs deploy/Dockerfile's steps on the built jar without Docker (there is no daemon here): the builder stage's
 * COPY and RUN (the layered extract) in a folder standing for the image's root, the final stage's COPY --from layers
 * and WORKDIR, then the ENTRYPOINT with the image's ENV, as the Dockerfile's USER when this runs as root. It checks
 * that /ready answers 200, that the HEALTHCHECK command passes on the live server and fails once it has stopped, and
 * that storage/ lands in the VOLUME. Beside the image's ENV it sets only what a shared machine needs: HOST=127.0.0.1,
 * free ports for PORT and the admin RPC, and a JWT_SECRET (which `docker run -e` gives). The lines are read from the
 * Dockerfile itself, so the file and the check cannot drift. Run by deploy/check.sh:
 * {@code java deploy/DockerfileCheck.java target/deskflow.jar deploy/Dockerfile}
 * (a single-file program: the jar must be packaged first, which the Maven test phase has not done yet).
 */
public final class DockerfileCheck {

	private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");

	private static final Pattern COPY_FROM = Pattern.compile("--from=(\\S+)\\s+(\\S+)\\s+(\\S+)");

	private final Path root;

	private final Path context;

	private final Map<String, String> env = new HashMap<>();

	private String workdir = "/";

	private String user;

	private String volume;

	private String healthcheck;

	private List<String> entrypoint;

	private DockerfileCheck(Path root, Path context) {
		this.root = root;
		this.context = context;
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args.length > 0 ? args[0] : "target/deskflow.jar").toAbsolutePath();
		Path dockerfile = Path.of(args.length > 1 ? args[1] : "deploy/Dockerfile");
		// The build context is the repository's root: the folder holding target/deskflow.jar's target/.
		Path context = jar.getParent().getParent();
		Path root = Files.createTempDirectory("dockerfile-check");
		Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
		try {
			DockerfileCheck check = new DockerfileCheck(root, context);
			check.build(instructions(Files.readAllLines(dockerfile)));
			check.run();
			System.out.println("Dockerfile check passed");
		}
		finally {
			try (Stream<Path> paths = Files.walk(root)) {
				paths.sorted((a, b) -> b.compareTo(a)).forEach((path) -> path.toFile().delete());
			}
		}
	}

	/** The instructions, continuation lines joined and comments dropped. */
	static List<String> instructions(List<String> lines) {
		List<String> result = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : lines) {
			if (line.strip().startsWith("#") || (current.length() == 0 && line.isBlank())) {
				continue;
			}
			String stripped = line.stripTrailing();
			if (stripped.endsWith("\\")) {
				current.append(stripped, 0, stripped.length() - 1).append(' ');
				continue;
			}
			result.add(current.append(stripped).toString().strip());
			current.setLength(0);
		}
		return result;
	}

	private void build(List<String> instructions) throws Exception {
		int stages = 0;
		for (String instruction : instructions) {
			String[] parts = instruction.split("\\s+", 2);
			String keyword = parts[0].toUpperCase();
			String rest = (parts.length > 1) ? parts[1] : "";
			boolean finalStage = stages == 2;
			switch (keyword) {
				case "FROM" -> {
					stages++;
					this.workdir = "/";
				}
				case "WORKDIR" -> {
					this.workdir = rest;
					Files.createDirectories(path(rest));
				}
				case "COPY" -> copy(rest);
				case "RUN" -> {
					if (finalStage) {
						// Creating the user and chown'ing the working folder need root on this machine: done in run().
						System.out.println("not run here (needs root in the image): RUN " + rest);
					}
					else {
						shell(rest, path(this.workdir));
					}
				}
				case "ENV" -> env(rest);
				case "USER" -> this.user = rest;
				case "VOLUME" -> this.volume = rest;
				case "HEALTHCHECK" -> this.healthcheck = rest.substring(rest.indexOf("CMD ") + 4);
				case "ENTRYPOINT" -> this.entrypoint = execForm(rest);
				case "EXPOSE" -> {
				}
				default -> throw new IllegalStateException("the check does not know " + keyword + ": teach it");
			}
		}
		require(stages == 2, "two stages (builder, image)");
		require(this.entrypoint != null && this.healthcheck != null && this.volume != null && this.user != null,
				"ENTRYPOINT, HEALTHCHECK, VOLUME and USER in the final stage");
		require("production".equals(this.env.get("APP_ENV")), "ENV APP_ENV=production");
		require("0.0.0.0".equals(this.env.get("HOST")), "ENV HOST=0.0.0.0, so a published port reaches DeskFlow");
		require(!this.user.startsWith("0") && !this.user.startsWith("root"), "a non-root USER");
	}

	private void copy(String rest) throws IOException {
		Matcher from = COPY_FROM.matcher(rest);
		if (from.matches()) {
			copyTree(path(from.group(2)), path(from.group(3)));
			return;
		}
		String[] paths = rest.split("\\s+");
		require(paths.length == 2, "COPY source destination: " + rest);
		Path target = path(paths[1]);
		Files.createDirectories(target.getParent());
		Files.copy(this.context.resolve(paths[0]), target, StandardCopyOption.REPLACE_EXISTING);
	}

	private static void copyTree(Path source, Path target) throws IOException {
		require(Files.isDirectory(source), "COPY --from source " + source + " exists (the extract made it)");
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Path to = target.resolve(source.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(to);
				}
				else {
					Files.copy(path, to, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	private void env(String rest) {
		Matcher pair = ENV_PAIR.matcher(rest);
		while (pair.find()) {
			this.env.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
		}
	}

	private void run() throws Exception {
		Path work = path(this.workdir);
		Map<String, String> environment = new HashMap<>(this.env);
		int port = freePort();
		environment.put("HOST", "127.0.0.1");
		environment.put("PORT", Integer.toString(port));
		// The admin RPC's default, 127.0.0.1:6001, is the container's own loopback in the
		// image; on a shared machine another DeskFlow may hold it, so the check gives it
		// any free port.
		environment.put("MOONLIGHT_RPC_LISTEN", "tcp://127.0.0.1:0");
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		environment.put("JWT_SECRET", HexFormat.of().formatHex(secret));
		List<String> command = new ArrayList<>(asUser(work));
		for (String argument : this.entrypoint) {
			command.add(argument.equals("java") ? javaBin() : rooted(argument));
		}
		System.out.println("ENTRYPOINT as run here: " + String.join(" ", command));
		Path log = this.root.resolve("server.log");
		Process server = start(command, work, environment, log);
		try {
			check(server, port, work, environment, log);
		}
		catch (RuntimeException | Error ex) {
			System.out.println("server log (" + (server.isAlive() ? "running" : "exited") + "):\n" + Files.readString(log));
			throw ex;
		}
		finally {
			if (server.isAlive()) {
				server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	private void check(Process server, int port, Path work, Map<String, String> environment, Path log)
			throws Exception {
		awaitReady(server, port, log);
		if (this.entrypoint.contains("-Dspring.aot.enabled=true")) {
			require(Files.readString(log).contains("Starting AOT-processed"),
					"the ENTRYPOINT starts with the jar's Spring AOT definitions (the log says AOT-processed)");
		}
		require(shell(this.healthcheck, work, environment) == 0, "the HEALTHCHECK passes on the running server");
		require(Files.isDirectory(path(this.volume)), "storage/ written inside VOLUME " + this.volume);
		server.destroy();
		require(server.waitFor(45, TimeUnit.SECONDS), "the server stops on SIGTERM within 45 s");
		System.out.println("exit code after SIGTERM: " + server.exitValue());
		require(shell(this.healthcheck, work, environment) != 0, "the HEALTHCHECK fails once the server is gone");
	}

	/** As root: the Dockerfile's USER via setpriv, the working folder theirs, as the image's RUN chown makes it. */
	private List<String> asUser(Path work) throws Exception {
		if (!"root".equals(System.getProperty("user.name"))) {
			System.out.println("not root: the server runs as " + System.getProperty("user.name") + ", not USER " + this.user);
			return List.of();
		}
		String[] ids = this.user.split(":");
		require(shell("chown -R " + this.user + " " + work, this.root) == 0, "chown of the working folder");
		return List.of("setpriv", "--reuid=" + ids[0], "--regid=" + ids[ids.length - 1], "--clear-groups", "--");
	}

	private static void awaitReady(Process server, int port, Path log) throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		URI ready = URI.create("http://127.0.0.1:" + port + "/ready");
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			require(server.isAlive(), "the server runs; it exited:\n" + Files.readString(log));
			try {
				int status = client.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode();
				if (status == 200) {
					System.out.println("GET /ready: 200");
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("/ready did not answer 200 within 120 s:\n" + Files.readString(log));
	}

	private static Process start(List<String> command, Path work, Map<String, String> environment, Path log)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		// Only the image's ENV configures it, whatever the shell running the check exports.
		builder.environment().keySet().removeIf((name) -> name.startsWith("MOONLIGHT_") || name.startsWith("APP_")
				|| name.startsWith("JWT_") || List.of("DATABASE_URL", "PORT", "HOST", "SERVER_PORT").contains(name));
		builder.environment().putAll(environment);
		return builder.start();
	}

	private int shell(String script, Path dir) throws Exception {
		return shell(script, dir, Map.of());
	}

	/** {@code sh -c script} as Docker runs a RUN or a shell-form CMD, with this JVM's java first on the PATH. */
	private int shell(String script, Path dir, Map<String, String> environment) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).inheritIO();
		builder.environment().putAll(environment);
		builder.environment().put("PATH", Path.of(javaBin()).getParent() + ":" + System.getenv("PATH"));
		Process process = builder.start();
		require(process.waitFor(180, TimeUnit.SECONDS), "'" + script + "' ends within 180 s");
		return process.exitValue();
	}

	/** ["a", "b"] as a list; Docker's exec form is a JSON array of strings. */
	static List<String> execForm(String text) {
		require(text.startsWith("[") && text.endsWith("]"), "ENTRYPOINT in exec form: " + text);
		List<String> values = new ArrayList<>();
		Matcher string = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
		while (string.find()) {
			values.add(string.group(1).replaceAll("\\\\(.)", "$1"));
		}
		return values;
	}

	/** An image path (absolute, or relative to the WORKDIR) inside the folder standing for the image's root. */
	private Path path(String imagePath) {
		String absolute = imagePath.startsWith("/") ? imagePath : this.workdir + "/" + imagePath;
		return this.root.resolve(absolute.substring(1));
	}

	private String rooted(String argument) {
		return argument.startsWith("/") ? path(argument).toString() : argument;
	}

	private static String javaBin() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void require(boolean condition, String what) {
		if (!condition) {
			throw new IllegalStateException("Dockerfile check failed: " + what);
		}
	}

}
