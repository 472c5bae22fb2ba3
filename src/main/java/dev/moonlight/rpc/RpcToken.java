package dev.moonlight.rpc;

import java.security.SecureRandom;

import dev.moonlight.storage.StorageDir;

import dev.moonlight.security.SharedSecrets;

/**
 * The token every admin RPC request carries: {@code [rpc] TOKEN} or {@code RPC_TOKEN}
 * when set, else the one in {@link RpcTokenFile}, which the server makes on its first
 * run.
 *
 * @param value the token
 * @param source where it is kept, for messages (never the token itself)
 */
record RpcToken(String value, String source) {

	static final String CONFIGURED = "[rpc] TOKEN in settings.ini or RPC_TOKEN";

	/**
	 * The server's token; the file is made, or replaced when others may read it, here.
	 */
	static RpcToken forServer(RpcSettings settings, StorageDir storage) {
		if (settings.token() != null) {
			return new RpcToken(settings.token(), CONFIGURED);
		}
		RpcTokenFile file = new RpcTokenFile(storage);
		return new RpcToken(file.readOrCreate(new SecureRandom()), file.path().toString());
	}

	/**
	 * Whether {@code offered} is this token, in a time that depends on neither its
	 * content nor its length.
	 */
	boolean matches(String offered) {
		return SharedSecrets.matches(value, offered);
	}

	/** Never prints the token. */
	@Override
	public String toString() {
		return "RpcToken[" + source + "]";
	}

}
