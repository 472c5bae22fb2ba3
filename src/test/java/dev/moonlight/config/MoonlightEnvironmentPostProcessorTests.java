package dev.moonlight.config;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MoonlightEnvironmentPostProcessorTests {

	@TempDir
	Path dir;

	private final List<String> logged = new ArrayList<>();

	private final Map<String, Object> properties = new HashMap<>();

	private StandardEnvironment environment;

	private MoonlightEnvironmentPostProcessor postProcessor;

	@BeforeEach
	void environment() {
		this.environment = new StandardEnvironment();
		// Only the test's properties: a PORT or DATABASE_URL on the build machine must
		// not change the outcome.
		this.environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		this.environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		this.environment.getPropertySources().addFirst(new MapPropertySource("test", this.properties));
		this.properties.put("moonlight.project-dir", this.dir.toString());
		this.postProcessor = new MoonlightEnvironmentPostProcessor((destination) -> recordingLog());
	}

	@Test
	void exposesDerivedSpringPropertiesAndTheSettings() {
		TestProject.in(this.dir).dotEnv("APP_NAME=northwind-board\n").rr(TestProject.resource("rr-full.yaml"));
		postProcess();
		assertThat(property("server.address")).isEqualTo("0.0.0.0");
		assertThat(property("server.port")).isEqualTo("8300");
		assertThat(property("spring.application.name")).isEqualTo("northwind-board");
		assertThat(property("spring.datasource.url")).startsWith("jdbc:h2:file:")
			.endsWith("DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
		assertThat(property("spring.datasource.username")).isEqualTo("sa");
		assertThat(property("spring.datasource.password")).isEmpty();
		assertThat(property("spring.datasource.hikari.maximum-pool-size"))
			.as("one connection per worker, one for the group commit, one for the framework")
			.isEqualTo("8");
		assertThat(property("spring.datasource.hikari.minimum-idle")).isEqualTo("8");
		assertThat(property("spring.datasource.hikari.connection-timeout")).isEqualTo("500");
		assertThat(property("spring.datasource.hikari.validation-timeout")).isEqualTo("250");
		assertThat(this.environment.containsProperty("spring.datasource.hikari.data-source-properties.connectTimeout"))
			.as("pgjdbc's connection bounds are set for PostgreSQL only")
			.isFalse();
		assertThat(property("spring.datasource.hikari.connection-init-sql"))
			.as("on H2 exec_ttl is the session's query timeout, set once per connection")
			.isEqualTo("SET QUERY_TIMEOUT 1500");
		assertThat(this.environment.containsProperty("spring.jdbc.template.query-timeout"))
			.as("a per-statement timeout on H2 would empty its parsed-statement cache on every call")
			.isFalse();
		assertThat(property("spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("15000ms");
		assertThat(property("server.shutdown")).as("SIGTERM drains in-flight requests").isEqualTo("graceful");
		assertThat(property("server.netty.h2c-max-content-length"))
			.as("an h2c upgrade may carry a body up to max_request_size")
			.isEqualTo("10485760B");
		MoonlightSettings settings = MoonlightEnvironmentPostProcessor.settings(this.environment);
		assertThat(settings.projectDir()).isEqualTo(this.dir.toAbsolutePath().normalize());
		assertThat(settings.listen()).isEqualTo(new ListenAddress("0.0.0.0", 8300));
	}

	@Test
	void explicitSpringPropertiesWin() {
		this.properties.put("server.port", "9999");
		postProcess();
		assertThat(property("server.port")).as("the moonlight source is added last").isEqualTo("9999");
		assertThat(MoonlightEnvironmentPostProcessor.settings(this.environment).listen().port())
			.as("the settings record still tells what the files say")
			.isEqualTo(8000);
	}

	@Test
	void springPropertiesCountAsProcessEnvironmentAndCliPropertiesAsCommandLine() {
		this.properties.put("PORT", "8500");
		this.properties.put("moonlight.cli.host", "0.0.0.0");
		postProcess();
		assertThat(property("server.address")).isEqualTo("0.0.0.0");
		assertThat(property("server.port")).isEqualTo("8500");
		this.properties.put("moonlight.cli.port", "8600");
		assertThat(MoonlightEnvironmentPostProcessor.settings(postProcessFresh()).listen().port()).isEqualTo(8600);
	}

	@Test
	void onPostgresqlExecTtlIsJdbcTemplatesQueryTimeoutRoundedUp() {
		TestProject.in(this.dir)
			.dotEnv("DATABASE_URL=postgres://deskflow@127.0.0.1:5432/deskflow\n")
			.rr(TestProject.resource("rr-full.yaml"));
		// Properties only: a boot that migrates nothing skips the reachability check,
		// which would connect.
		this.properties.put("spring.flyway.enabled", "false");
		postProcess();
		assertThat(property("spring.jdbc.template.query-timeout")).as("exec_ttl 1500ms rounds up to 2 s")
			.isEqualTo("2");
		assertThat(this.environment.containsProperty("spring.datasource.hikari.connection-init-sql")).isFalse();
		assertThat(property("spring.datasource.hikari.data-source-properties.connectTimeout")).isEqualTo("3");
		assertThat(property("spring.datasource.hikari.data-source-properties.loginTimeout")).isEqualTo("3");
	}

	@Test
	void noQueryTimeoutWithoutExecTtl() {
		postProcess();
		assertThat(this.environment.containsProperty("spring.jdbc.template.query-timeout")).isFalse();
		assertThat(property("spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("60000ms");
	}

	@Test
	void projectDirFallsBackToMoonlightProjectDirVariable() {
		this.properties.remove("moonlight.project-dir");
		this.properties.put("MOONLIGHT_PROJECT_DIR", this.dir.resolve("sub/..").toString());
		assertThat(MoonlightEnvironmentPostProcessor.projectDir(this.environment))
			.isEqualTo(this.dir.toAbsolutePath().normalize());
		this.properties.remove("MOONLIGHT_PROJECT_DIR");
		this.properties.put("user.dir", "/srv/deskflow");
		assertThat(MoonlightEnvironmentPostProcessor.projectDir(this.environment)).isEqualTo(Path.of("/srv/deskflow"));
	}

	@Test
	void ignoredRoadRunnerKeysAreLoggedOnce() {
		TestProject.in(this.dir).rr("http:\n  pool:\n    num_workers: 2\n    reset_timeout: 60s\n");
		postProcess();
		postProcess();
		assertThat(this.logged).as("one line, even if the environment is post-processed twice")
			.containsExactly("warn .rr.yaml:4: http.pool.reset_timeout is a RoadRunner worker-process setting and is "
					+ "ignored: there is no worker reset.");
	}

	@Test
	void configErrorsPropagate() {
		TestProject.in(this.dir).ini(TestProject.resource("settings-bad-line.ini"));
		assertThatExceptionOfType(ConfigException.class).isThrownBy(this::postProcess)
			.withMessageStartingWith("environment/settings.ini:4:");
	}

	@Test
	void settingsOfAnEnvironmentWithoutThemIsAnError() {
		assertThatIllegalStateException().isThrownBy(() -> MoonlightEnvironmentPostProcessor.settings(this.environment))
			.withMessageContaining("spring.factories");
	}

	@Test
	void springBootRunsThePostProcessorFromSpringFactories() {
		SpringApplication application = new SpringApplication(EmptyConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--moonlight.project-dir=" + this.dir,
				"--PORT=8123")) {
			MoonlightSettings settings = MoonlightEnvironmentPostProcessor.settings(context.getEnvironment());
			assertThat(settings.projectDir()).isEqualTo(this.dir.toAbsolutePath().normalize());
			assertThat(settings.listen().port()).as("a command-line property counts as process environment")
				.isEqualTo(8123);
		}
	}

	@Test
	void springBootFailsToStartOnAConfigError() {
		TestProject.in(this.dir).ini(TestProject.resource("settings-bad-line.ini"));
		SpringApplication application = new SpringApplication(EmptyConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> application.run("--moonlight.project-dir=" + this.dir).close())
			.withMessageStartingWith("environment/settings.ini:4:");
	}

	@Test
	void thePoolIsSizedForHttpHereAndJobsAddTheirConnectionsWhenItIsMade() {
		TestProject.in(this.dir)
			.ini("[jobs]\nENABLED = true\n")
			.rr("http:\n  pool:\n    num_workers: 2\njobs:\n  pool:\n    num_workers: 3\n");
		postProcess();
		assertThat(property("spring.datasource.hikari.maximum-pool-size"))
			.as("2 + 2 for HTTP; JobsAutoConfiguration adds 3 + 1 (JobsSectionBootTests)")
			.isEqualTo("4");
		assertThat(MoonlightEnvironmentPostProcessor.setByMoonlight(this.environment,
				"spring.datasource.hikari.maximum-pool-size"))
			.isTrue();
		this.properties.put("spring.datasource.hikari.maximum-pool-size", "5");
		assertThat(MoonlightEnvironmentPostProcessor.setByMoonlight(this.environment,
				"spring.datasource.hikari.maximum-pool-size"))
			.as("a size the application wrote")
			.isFalse();
		assertThat(MoonlightEnvironmentPostProcessor.setByMoonlight(this.environment, "spring.datasource.nothing"))
			.isFalse();
	}

	private void postProcess() {
		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());
	}

	private StandardEnvironment postProcessFresh() {
		this.environment.getPropertySources().remove(MoonlightEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
		postProcess();
		return this.environment;
	}

	private String property(String name) {
		return this.environment.getProperty(name);
	}

	private Log recordingLog() {
		return (Log) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Log.class },
				(proxy, method, args) -> {
					if (method.getName().startsWith("is")) {
						return true;
					}
					if ((method.getName().equals("warn") || method.getName().equals("info")) && args != null) {
						this.logged.add(method.getName() + " " + args[0]);
					}
					return null;
				});
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
