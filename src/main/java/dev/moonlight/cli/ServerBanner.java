package dev.moonlight.cli;

import java.util.Locale;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.moonlight.config.DatabaseSettings;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.config.PoolSection;
import dev.moonlight.config.SupervisorSection;
import dev.moonlight.config.ProjectFiles;
import dev.moonlight.maintenance.MaintenanceMode;
import dev.moonlight.maintenance.MaintenanceState;
import dev.moonlight.rpc.RpcServer;

/**
 * What {@code runserver} prints once the server is up: address and scheme, TLS and
 * HTTP/2, workers, database, maintenance and the admin RPC, so a glance at the terminal
 * says what is serving and how.
 */
final class ServerBanner {

	private ServerBanner() {
	}

	static String render(ConfigurableApplicationContext context, String cli, boolean detached) {
		MoonlightSettings settings = context.getBean(MoonlightSettings.class);
		String nl = System.lineSeparator();
		StringBuilder banner = new StringBuilder(nl).append(settings.app().name())
			.append(" is serving (pid ")
			.append(ProcessHandle.current().pid())
			.append(')')
			.append(nl);
		row(banner, "address", httpAddress(context, settings));
		row(banner, "TLS", tls(settings.files()));
		row(banner, "HTTP/2", http2(settings.files()));
		row(banner, "workers", workers(settings));
		row(banner, "database", database(settings.database()));
		row(banner, "maintenance", context.getBeanProvider(MaintenanceMode.class).getIfAvailable() != null
				? maintenance(context.getBean(MaintenanceMode.class).state()) : "off");
		RpcServer rpc = context.getBeanProvider(RpcServer.class).getIfAvailable();
		row(banner, "admin RPC",
				(rpc != null) ? rpc.address() + " (" + cli + " workers, stopserver, maintenance:on)" : "off");
		// A detached server has no terminal to press Ctrl+C in; its way out is
		// 'stopserver', which the admin RPC row names.
		return detached ? banner.toString() : banner.append("Press Ctrl+C to stop.").append(nl).toString();
	}

	private static void row(StringBuilder banner, String name, String value) {
		banner.append("  ")
			.append(String.format(Locale.ROOT, "%-13s", name))
			.append(value)
			.append(System.lineSeparator());
	}

	private static String httpAddress(ConfigurableApplicationContext context, MoonlightSettings settings) {
		int port = (context instanceof WebServerApplicationContext web) ? web.getWebServer().getPort()
				: settings.listen().port();
		String host = settings.listen().host();
		return "http://" + ((host.indexOf(':') >= 0) ? "[" + host + "]" : host) + ":" + port;
	}

	/**
	 * Read from the files as the server reads them: {@code [tls]} in settings.ini wins
	 * over {@code http.ssl}.
	 */
	private static String tls(ProjectFiles files) {
		if (!files.ini().section("tls").isEmpty()) {
			return "on, https on " + files.ini().getString("tls", "ADDRESS", "the [tls] address") + " ([tls])";
		}
		if (files.rr().has("http.ssl")) {
			return "on, https on " + files.rr().getString("http.ssl.address", "the http.ssl address") + " (http.ssl)";
		}
		return "off";
	}

	private static String http2(ProjectFiles files) {
		boolean tls = !files.ini().section("tls").isEmpty() || files.rr().has("http.ssl");
		boolean h2c = files.ini()
			.getIgnoreCase("http2", "h2c")
			.or(() -> files.rr().get("http.http2.h2c"))
			.map((value) -> value.value().strip().toLowerCase(Locale.ROOT))
			.filter((value) -> value.equals("true") || value.equals("on") || value.equals("yes") || value.equals("1"))
			.isPresent();
		if (tls) {
			return h2c ? "on (h2 over TLS by ALPN; h2c in cleartext)" : "on (h2 over TLS by ALPN)";
		}
		return h2c ? "on (h2c, cleartext)" : "off (HTTP/1.1; http.http2.h2c or TLS turn it on)";
	}

	private static String workers(MoonlightSettings settings) {
		PoolSection pool = settings.http().pool();
		String queue = (pool.maxQueueSize() > 0) ? "queue " + pool.maxQueueSize() : "unbounded queue";
		return pool.numWorkers() + " (" + queue + ", allocate_timeout " + pool.allocateTimeout().toSeconds() + "s"
				+ (pool.hasExecTtl() ? ", exec_ttl " + pool.execTtl().toSeconds() + "s" : "") + supervisor(pool) + ")";
	}

	/** The supervisor keys that are set: {@code , max_jobs 1000, idle_ttl 300s}. */
	private static String supervisor(PoolSection pool) {
		SupervisorSection supervisor = pool.supervisor();
		StringBuilder keys = new StringBuilder();
		if (supervisor.maxJobs() > 0) {
			keys.append(", max_jobs ").append(supervisor.maxJobs());
		}
		if (!supervisor.ttl().isZero()) {
			keys.append(", ttl ").append(supervisor.ttl().toSeconds()).append('s');
		}
		if (!supervisor.idleTtl().isZero()) {
			keys.append(", idle_ttl ").append(supervisor.idleTtl().toSeconds()).append('s');
		}
		if (supervisor.maxWorkerMemoryMb() > 0) {
			keys.append(", max_worker_memory ").append(supervisor.maxWorkerMemoryMb()).append(" MB");
		}
		return keys.toString();
	}

	private static String database(DatabaseSettings database) {
		String url = database.jdbcUrl();
		int options = url.indexOf((database.kind() == DatabaseSettings.Kind.H2) ? ';' : '?');
		// Options may carry a password (?password=...); the banner shows where, never how
		// to log in.
		String where = (options > 0) ? url.substring(0, options) : url;
		return (database.kind() == DatabaseSettings.Kind.H2 ? "H2 (embedded) " : "PostgreSQL ") + where;
	}

	private static String maintenance(MaintenanceState state) {
		return state.enabled() ? "ON: every request gets 503 \"" + state.message() + "\"" : "off";
	}

}
