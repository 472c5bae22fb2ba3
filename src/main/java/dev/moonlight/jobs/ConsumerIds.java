package dev.moonlight.jobs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Names a consumer in claims ({@code host:pid:random}), so an operator can tell which process holds a job. */
final class ConsumerIds {

	private ConsumerIds() {
	}

	static String next() {
		return host() + ":" + ProcessHandle.current().pid() + ":"
				+ HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
