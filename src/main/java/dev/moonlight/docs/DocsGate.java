package dev.moonlight.docs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Decides whether a docs request is answered: not at all when docs are off (404, as if
 * there were no docs), and only with the right token when one is set (401). Tokens are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken says
 * nothing about the token, not even its length.
 */
final class DocsGate {

	/** The header that may carry the token, as in Pionia. */
	static final String HEADER = "X-Docs-Token";

	enum Verdict {

		OPEN, NOT_FOUND, DENIED

	}

	private final boolean enabled;

	private final byte[] tokenDigest;

	DocsGate(DocsSettings settings) {
		this.enabled = settings.enabled();
		this.tokenDigest = (settings.token() != null && !settings.token().isEmpty()) ? digest(settings.token()) : null;
	}

	boolean enabled() {
		return enabled;
	}

	Verdict check(ServerRequest request) {
		if (!enabled) {
			return Verdict.NOT_FOUND;
		}
		if (tokenDigest == null) {
			return Verdict.OPEN;
		}
		String offered = request.headers().firstHeader(HEADER);
		if (offered == null) {
			offered = request.queryParam("token").orElse(null);
		}
		return (offered != null && MessageDigest.isEqual(digest(offered), tokenDigest)) ? Verdict.OPEN : Verdict.DENIED;
	}

	/** SHA-256 of the text's UTF-8 bytes. */
	static byte[] digest(String token) {
		return digest(token.getBytes(StandardCharsets.UTF_8));
	}

	/** SHA-256 of the bytes. */
	static byte[] digest(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
