package dev.moonlight.server;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.springframework.boot.web.server.Ssl;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.ConfigNotice;
import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.ListenAddress;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.config.ProjectFiles;

/**
 * Reads {@link ServerSettings} from the project's files, RoadRunner's way: defaults
 * first, then validation, every error naming file, line, key and value. TLS comes from
 * {@code [tls]} in settings.ini or {@code http.ssl} in {@code .rr.yaml}, HTTP/2 from
 * {@code [http2]} or {@code http.http2}, gzip and static files from {@code .rr.yaml}.
 */
final class ServerSettingsReader {

	/**
	 * RoadRunner's {@code client_auth_type} values; Java verifies a given certificate in
	 * every mode.
	 */
	private static final Map<String, Ssl.ClientAuth> CLIENT_AUTH = Map.of("no_client_certs", Ssl.ClientAuth.NONE,
			"request_client_cert", Ssl.ClientAuth.WANT, "verify_client_cert_if_given", Ssl.ClientAuth.WANT,
			"require_any_client_cert", Ssl.ClientAuth.NEED, "require_and_verify_client_cert", Ssl.ClientAuth.NEED);

	/**
	 * RoadRunner's built-in middleware; others are reported, since a typo would silently
	 * switch nothing on.
	 */
	private static final Set<String> RR_MIDDLEWARE = Set.of("headers", "gzip", "static", "sendfile", "http_metrics",
			"new_relic", "cache", "otel", "proxy_ip_parser");

	private final MoonlightSettings settings;

	private final Consumer<ConfigNotice> notices;

	private final PemFiles pem;

	ServerSettingsReader(MoonlightSettings settings, Consumer<ConfigNotice> notices) {
		this.settings = settings;
		this.notices = notices;
		this.pem = new PemFiles(settings.projectDir());
	}

	ServerSettings read() {
		ProjectFiles files = this.settings.files();
		return new ServerSettings(SectionSource.choose(files, "tls", "http.ssl", this.notices).map(this::ssl),
				SectionSource.choose(files, "http2", "http.http2", this.notices)
					.map(ServerSettingsReader::http2)
					.orElse(Http2Section.DEFAULTS),
				gzip(), new StaticSectionReader(this.settings).read());
	}

	private SslSection ssl(SectionSource section) {
		if (section.has("acme")) {
			throw new ConfigException(section.origin("acme"), null,
					"ACME certificates are not supported; give cert and key PEM files (from certbot, for example).");
		}
		ConfigValue certValue = required(section, "cert");
		ConfigValue keyValue = required(section, "key");
		Path cert = this.pem.readableFile(certValue);
		Path key = this.pem.readableFile(keyValue);
		X509Certificate certificate = this.pem.certificates(certValue, cert).get(0);
		PrivateKey privateKey = this.pem.privateKey(keyValue, key);
		this.pem.checkPair(keyValue, privateKey, certificate);
		Path rootCa = section.get("root_ca").map(this::trustedRoots).orElse(null);
		return new SslSection(
				section.get("address")
					.map((value) -> ListenAddress.parse(value, SslSection.DEFAULT_ADDRESS))
					.orElse(SslSection.DEFAULT_ADDRESS),
				section.get("redirect").map(ConfigValue::asBoolean).orElse(false), cert, key, rootCa,
				section.get("client_auth_type").map(ServerSettingsReader::clientAuth).orElse(Ssl.ClientAuth.NONE));
	}

	private Path trustedRoots(ConfigValue value) {
		Path path = this.pem.readableFile(value);
		this.pem.certificates(value, path);
		return path;
	}

	private static ConfigValue required(SectionSource section, String key) {
		return section.get(key)
			.orElseThrow(() -> new ConfigException(section.origin(), null,
					"TLS needs both cert and key (PEM files); " + section.name(key) + " is missing."));
	}

	private static Ssl.ClientAuth clientAuth(ConfigValue value) {
		Ssl.ClientAuth mode = CLIENT_AUTH.get(value.value().strip().toLowerCase(Locale.ROOT));
		if (mode == null) {
			throw value.invalid("Unknown client_auth_type; use one of "
					+ String.join(", ", new TreeSet<>(CLIENT_AUTH.keySet())) + ".");
		}
		return mode;
	}

	private static Http2Section http2(SectionSource section) {
		boolean h2c = section.get("h2c").map(ConfigValue::asBoolean).orElse(false);
		long streams = section.get("max_concurrent_streams")
			.map((value) -> value.asWholeNumber(0, Integer.MAX_VALUE,
					"Stream limit must be a whole number from 1 to 2147483647; 0 means the default, 128."))
			.filter((value) -> value > 0)
			.orElse(Http2Section.DEFAULT_MAX_CONCURRENT_STREAMS);
		return new Http2Section(h2c, streams);
	}

	private boolean gzip() {
		boolean gzip = false;
		for (ConfigValue item : this.settings.files().rr().list("http.middleware")) {
			String name = item.value().strip().toLowerCase(Locale.ROOT);
			gzip |= name.equals("gzip");
			if (!RR_MIDDLEWARE.contains(name)) {
				this.notices.accept(new ConfigNotice(item.origin(),
						"http.middleware lists \"" + item.value()
								+ "\", which is not a RoadRunner middleware; it is ignored. Check the spelling.",
						true));
			}
		}
		return gzip;
	}

	/**
	 * Where TLS is configured, if anywhere; conditions ask this before anything is
	 * validated.
	 */
	static Optional<String> tlsSource(ProjectFiles files) {
		if (!files.ini().section("tls").isEmpty()) {
			return Optional.of("[tls] in settings.ini");
		}
		return files.rr().has("http.ssl") ? Optional.of("http.ssl in .rr.yaml") : Optional.empty();
	}

}
