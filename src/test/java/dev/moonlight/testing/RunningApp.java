package dev.moonlight.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Boots an application on a real socket (127.0.0.1, a free port) in its own project
 * folder, with the config files a scenario needs, and gives a WebTestClient for it. Each
 * instance has its own H2 file database.
 */
public final class RunningApp implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final Path projectDir;

	/**
	 * Pooled keep-alive connections, as real clients use. The requests that hung now and
	 * then on them were Reactor Netty 1.3.7's lost read of a kept-alive request
	 * (dev.moonlight.server.KeepAliveReads works around it; KeepAliveTests holds it).
	 */
	private final ConnectionProvider connections = ConnectionProvider.builder("running-app").maxConnections(64).build();

	private RunningApp(ConfigurableApplicationContext context, Path projectDir) {
		this.context = context;
		this.projectDir = projectDir;
	}

	public static Builder of(Class<?> application) {
		return new Builder(application);
	}

	public int port() {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	public Path projectDir() {
		return projectDir;
	}

	/**
	 * Whether the application still runs (false once something, such as the admin RPC's
	 * stop, closed it).
	 */
	public boolean running() {
		return context.isActive();
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	/** The bean of that name, for a type the app has several of. */
	public <T> T bean(String name, Class<T> type) {
		return context.getBean(name, type);
	}

	/**
	 * Whether the singleton of that name is built yet (a lazy bean is not until asked).
	 */
	public boolean hasBuilt(String beanName) {
		return context.getBeanFactory().containsSingleton(beanName);
	}

	/**
	 * A client whose connections belong to this app alone and never outlive its server.
	 */
	public WebTestClient client() {
		HttpClient http = HttpClient.create(connections);
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
			.baseUrl(baseUrl())
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/**
	 * POSTs {@code json} (an envelope request) to {@code /api/v1/} with
	 * {@link #client()}; the answer is the caller's to check.
	 */
	public WebTestClient.ResponseSpec call(String json) {
		return client().post().uri("/api/v1/").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	/**
	 * GETs {@code path} (such as {@code /metrics}) with {@link #client()} and gives its
	 * body as text, failing unless the answer is 200.
	 */
	public String text(String path) {
		String body = client().get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return (body != null) ? body : "";
	}

	@Override
	public void close() {
		try {
			context.close();
		}
		finally {
			connections.dispose();
		}
	}

	/**
	 * Gives the server event loops of its own: with Reactor Netty's global ones, closing
	 * one app would dispose the loops of every other app (and client) in the test JVM.
	 * They stop without Netty's quiet period (2 s of no new task, blocking each close):
	 * by then the server has drained and closed its listeners, and no test asserts on
	 * what runs after the context closed.
	 */
	private static void ownEventLoops(ConfigurableApplicationContext context) {
		((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
			ReactorResourceFactory factory = new ReactorResourceFactory();
			factory.setUseGlobalResources(false);
			factory.setShutdownQuietPeriod(Duration.ZERO);
			return factory;
		});
	}

	/** The files and properties of one scenario. */
	public static final class Builder {

		private final Class<?> application;

		private final Map<String, String> files = new LinkedHashMap<>();

		private final List<String> properties = new ArrayList<>();

		private Path projectDir;

		private boolean freePort = true;

		private boolean freeRpcPort = true;

		private final List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers = new ArrayList<>();

		Builder(Class<?> application) {
			this.application = application;
		}

		/**
		 * Writes {@code content} to {@code relativePath} in the project folder (e.g.
		 * {@code environment/settings.ini}).
		 */
		public Builder file(String relativePath, String content) {
			files.put(relativePath, content);
			return this;
		}

		public Builder settings(String ini) {
			return file("environment/settings.ini", ini);
		}

		public Builder rrYaml(String yaml) {
			return file(".rr.yaml", yaml);
		}

		public Builder dotEnv(String env) {
			return file("environment/.env", env);
		}

		/**
		 * A Spring property, which Moonlight also reads as a process environment variable
		 * (e.g. {@code DEBUG=true}).
		 */
		public Builder property(String keyValue) {
			properties.add(keyValue);
			return this;
		}

		/**
		 * Lets the configuration files choose the port instead of a free one picked for
		 * the test.
		 */
		public Builder configuredPort() {
			this.freePort = false;
			return this;
		}

		/**
		 * Lets {@code .rr.yaml} {@code rpc.listen} place the admin RPC instead of a free
		 * loopback port.
		 */
		public Builder configuredRpc() {
			this.freeRpcPort = false;
			return this;
		}

		/**
		 * Runs before the context refreshes, e.g. to register a bean or listener of the
		 * test's own.
		 */
		public Builder initializer(ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
			initializers.add(initializer);
			return this;
		}

		public Builder projectDir(Path dir) {
			this.projectDir = dir;
			return this;
		}

		public RunningApp start() {
			Path dir = prepare();
			List<String> all = new ArrayList<>(properties);
			all.add("moonlight.project-dir=" + dir);
			if (freePort
					&& all.stream().noneMatch((p) -> p.startsWith("moonlight.cli.port=") || p.startsWith("PORT="))) {
				all.add("moonlight.cli.port=0");
			}
			// Apps in one JVM (and other checkouts' test runs) must not race for
			// RoadRunner's default 6001.
			if (freeRpcPort && all.stream().noneMatch((p) -> p.startsWith("moonlight.rpc.listen="))) {
				all.add("moonlight.rpc.listen=tcp://127.0.0.1:0");
			}
			all.add("spring.main.banner-mode=off");
			ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
				.properties(all.toArray(String[]::new))
				.initializers(RunningApp::ownEventLoops)
				.initializers(initializers.toArray(ApplicationContextInitializer[]::new))
				.run();
			return new RunningApp(context, dir);
		}

		private Path prepare() {
			try {
				Path dir = (projectDir != null) ? projectDir : Files.createTempDirectory("moonlight-test-");
				for (Map.Entry<String, String> file : files.entrySet()) {
					Path target = dir.resolve(file.getKey());
					Files.createDirectories(target.getParent());
					Files.writeString(target, file.getValue());
				}
				return dir;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
