package dev.moonlight.server;

import java.nio.file.Path;
import java.util.Optional;

import org.springframework.boot.web.server.Ssl;

import dev.moonlight.config.ListenAddress;

/**
 * {@code http.ssl} in {@code .rr.yaml}, or {@code [tls]} in settings.ini: the TLS
 * listener beside the plain one.
 *
 * @param address {@code address} / {@code ADDRESS}: where the TLS listener binds; default
 * {@code 127.0.0.1:8443} (RoadRunner's code defaults to port 443, which needs root)
 * @param redirect {@code redirect} / {@code REDIRECT}: the plain listener answers every
 * request with 308 to the https URL plus {@code Strict-Transport-Security}; default
 * {@code false}
 * @param cert {@code cert} / {@code CERT}: the PEM certificate chain, absolute (relative
 * paths resolve from the project folder)
 * @param key {@code key} / {@code KEY}: the unencrypted PEM private key (PKCS#8, PKCS#1
 * RSA or SEC1 EC), absolute
 * @param rootCa {@code root_ca} / {@code ROOT_CA}: PEM certificates that client
 * certificates must chain to, absolute; {@code null} when absent (then the JVM's trusted
 * roots)
 * @param clientAuth {@code client_auth_type} / {@code CLIENT_AUTH_TYPE}: whether clients
 * must present a certificate; default {@code no_client_certs}
 * ({@link Ssl.ClientAuth#NONE})
 */
record SslSection(ListenAddress address, boolean redirect, Path cert, Path key, Path rootCa,
		Ssl.ClientAuth clientAuth) {

	/** Where the TLS listener binds when the section gives no address. */
	static final ListenAddress DEFAULT_ADDRESS = new ListenAddress("127.0.0.1", 8443);

	/** {@code root_ca}, when given. */
	Optional<Path> trustedClientRoots() {
		return Optional.ofNullable(this.rootCa);
	}

}
