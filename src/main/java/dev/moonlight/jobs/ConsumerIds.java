package dev.moonlight.jobs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names a consumer in claims ({@code host/machine:pid:random}), so an operator can tell
 * which process holds a job and a process can tell that a claim's process on its own
 * machine is gone. {@code machine} is a digest of the kernel's boot id and the process id
 * namespace: two machines (or containers sharing a host name) never share it, so "same
 * machine, no such pid" really means the process died. Without them (not Linux) the id
 * has no machine part and no claim is judged that way; leases still free it.
 */
final class ConsumerIds {

	/**
	 * This process's {@code host/machine}, or the bare host name when the machine cannot
	 * be told apart.
	 */
	private static final String HOST = host() + machine().map((key) -> "/" + key).orElse("");

	private ConsumerIds() {
	}

	static String next() {
		return HOST + ":" + ProcessHandle.current().pid() + ":"
				+ HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
	}

	/**
	 * Whether {@code consumer} is a consumer of another process of this machine that no
	 * longer runs. False when in doubt: another machine, no machine part, this process
	 * (another application context in the same JVM), or an id that is not one of ours.
	 */
	static boolean goneFromThisMachine(String consumer) {
		int tag = consumer.lastIndexOf(':');
		int pid = (tag > 0) ? consumer.lastIndexOf(':', tag - 1) : -1;
		if (pid <= 0 || !HOST.contains("/") || !consumer.substring(0, pid).equals(HOST)) {
			return false;
		}
		long number;
		try {
			number = Long.parseLong(consumer.substring(pid + 1, tag));
		}
		catch (NumberFormatException ex) {
			return false;
		}
		return number != ProcessHandle.current().pid() && ProcessHandle.of(number).isEmpty();
	}

	/** The id a consumer of process {@code pid} on this machine would have; for tests. */
	static String onThisMachine(long pid, String tag) {
		return HOST + ":" + pid + ":" + tag;
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	private static Optional<String> machine() {
		try {
			String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
			String pids = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((boot + " " + pids).getBytes(StandardCharsets.UTF_8));
			return Optional.of(HexFormat.of().formatHex(digest, 0, 4));
		}
		catch (IOException | UnsupportedOperationException | SecurityException | NoSuchAlgorithmException ex) {
			return Optional.empty();
		}
	}

}
