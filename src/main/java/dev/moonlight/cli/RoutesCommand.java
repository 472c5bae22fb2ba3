package dev.moonlight.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.docs.ApiCatalog;
import dev.moonlight.docs.VersionDoc;
import dev.moonlight.jobs.JobsAutoConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code routes} ({@code api:catalog}): boots the application without a web server,
 * prints every version, service and action with its login, permissions and parameters,
 * and exits. The same catalog {@code /docs} serves, but not behind its gate: whoever runs
 * the jar may read it.
 */
@Command(name = "routes", aliases = "api:catalog",
		description = "Print every API version, service and action: login, permissions and parameters.")
final class RoutesCommand implements Callable<Integer> {

	private final Class<?> application;

	@Spec
	private CommandSpec spec;

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help message and exit.")
	private boolean help;

	@Option(names = "--json", description = "Print the catalog as JSON (an array of versions).")
	private boolean json;

	@Option(names = "--version", paramLabel = "VERSION", description = "Only this API version, e.g. v1.")
	private String version;

	@Unmatched
	private List<String> springArguments = new ArrayList<>();

	RoutesCommand(Class<?> application) {
		this.application = application;
	}

	@Override
	public Integer call() {
		for (String argument : springArguments) {
			if (!argument.startsWith("--") || !argument.contains("=")) {
				throw new ParameterException(spec.commandLine(), "Unknown argument '" + argument + "'.");
			}
		}
		try (ConfigurableApplicationContext context = boot()) {
			List<VersionDoc> versions = select(context.getBean(ApiCatalog.class).versions());
			if (versions == null) {
				return 2;
			}
			PrintWriter out = spec.commandLine().getOut();
			out.print(json ? context.getBean(MoonlightJson.class)
				.mapper()
				.writerWithDefaultPrettyPrinter()
				.writeValueAsString(versions) + System.lineSeparator() : RoutesTable.render(versions));
			out.flush();
			return 0;
		}
		catch (RuntimeException ex) {
			// Spring Boot has already reported a failed boot (with its analysis); a
			// second stack trace adds nothing.
			return 1;
		}
	}

	/**
	 * Every version, or the one asked for; {@code null} (after saying why) when it does
	 * not exist.
	 */
	private List<VersionDoc> select(List<VersionDoc> all) {
		if (version == null) {
			return all;
		}
		List<VersionDoc> chosen = all.stream().filter((doc) -> doc.version().equals(version)).toList();
		if (chosen.isEmpty()) {
			PrintWriter err = spec.commandLine().getErr();
			err.println("routes: no API version '" + version + "'. Versions: "
					+ String.join(", ", all.stream().map(VersionDoc::version).toList()) + ".");
			err.flush();
			return null;
		}
		return chosen;
	}

	private static String throwawaySecret() {
		byte[] secret = new byte[64];
		new SecureRandom().nextBytes(secret);
		return "base64:" + Base64.getEncoder().encodeToString(secret);
	}

	/**
	 * The whole application but its web server, quiet: stdout is for the catalog, so only
	 * errors are logged.
	 */
	private ConfigurableApplicationContext boot() {
		SpringApplication app = MoonlightCli.application(application);
		app.setWebApplicationType(WebApplicationType.NONE);
		app.setBannerMode(Banner.Mode.OFF);
		app.setLogStartupInfo(false);
		// A level, not logging.threshold.console: Boot keeps the threshold in a JVM-wide
		// system property, which would silence every later application in the same JVM
		// (the test suite runs many). The catalog needs no database: no migration and no
		// job consumer, so it runs beside a server that holds the embedded database's
		// file, or while the database is away. Nor a JWT secret: nothing is signed or
		// checked here, yet the application's token beans are built. A secret of this run
		// alone, at the lowest precedence, stands in when the environment has none
		// (production sets none for a command an operator types).
		app.setDefaultProperties(Map.of("logging.level.root", "error", "spring.flyway.enabled", "false",
				JobsAutoConfiguration.CONSUME_PROPERTY, "false", "JWT_SECRET", throwawaySecret()));
		return app.run(springArguments.toArray(String[]::new));
	}

}
