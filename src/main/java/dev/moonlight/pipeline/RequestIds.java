package dev.moonlight.pipeline;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: a client's {@code X-Request-Id} is reused when it is short and plain,
 * otherwise 16 hex characters are generated, so a hostile header can never reach a log
 * line or a response unchanged. Public for the transports that make calls without HTTP
 * headers (each WebSocket frame and TCP line gets a fresh id).
 */
public final class RequestIds {

	/** The header that carries the id both ways. */
	public static final String HEADER = "X-Request-Id";

	private static final int MAX_LENGTH = 64;

	private RequestIds() {
	}

	/** The offered id when it is short and plain, else a fresh one. */
	public static String reuseOrGenerate(String offered) {
		return isSafe(offered) ? offered : generate();
	}

	/** 16 fresh hex characters. */
	public static String generate() {
		long bits = ThreadLocalRandom.current().nextLong();
		String hex = Long.toHexString(bits);
		return "0".repeat(16 - hex.length()) + hex;
	}

	private static boolean isSafe(String offered) {
		if (offered == null || offered.isEmpty() || offered.length() > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < offered.length(); i++) {
			char c = offered.charAt(i);
			boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || c == '.' || c == ':';
			if (!safe) {
				return false;
			}
		}
		return true;
	}

}
