package dev.moonlight.web;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import dev.moonlight.config.ConfigValue;

/**
 * The peers whose {@code X-Forwarded-*} headers are believed: {@code [server] TRUSTED_PROXIES}, a comma-separated
 * list of addresses and CIDR ranges ({@code 127.0.0.1, ::1, 10.0.0.0/8}). Nobody is trusted by default, because a
 * client can send those headers itself.
 */
final class TrustedProxies {

	static final TrustedProxies NONE = new TrustedProxies(List.of());

	private final List<Range> ranges;

	private TrustedProxies(List<Range> ranges) {
		this.ranges = List.copyOf(ranges);
	}

	/** Parses the setting; names only literal addresses, so reading it never does a DNS lookup. */
	static TrustedProxies parse(ConfigValue value) {
		List<Range> ranges = new ArrayList<>();
		for (String entry : value.value().split(",")) {
			String trimmed = entry.strip();
			if (!trimmed.isEmpty()) {
				ranges.add(range(trimmed, value));
			}
		}
		return new TrustedProxies(ranges);
	}

	boolean trusts(InetSocketAddress peer) {
		if (ranges.isEmpty() || peer == null || peer.getAddress() == null) {
			return false;
		}
		byte[] address = peer.getAddress().getAddress();
		return ranges.stream().anyMatch((range) -> range.contains(address));
	}

	private static Range range(String entry, ConfigValue value) {
		int slash = entry.indexOf('/');
		String host = (slash < 0) ? entry : entry.substring(0, slash);
		if (!host.matches("[0-9a-fA-F:.]+")) {
			throw value.invalid("Trusted proxies are IP addresses or CIDR ranges such as 127.0.0.1 or 10.0.0.0/8; '"
					+ entry + "' is not one.");
		}
		byte[] address;
		try {
			address = InetAddress.getByName(host).getAddress();
		}
		catch (UnknownHostException ex) {
			throw value.invalid("'" + entry + "' is not an IP address.");
		}
		int bits = address.length * 8;
		int prefix = bits;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(entry.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > bits) {
				throw value.invalid("'" + entry + "' has a prefix outside 0.." + bits + ".");
			}
		}
		return new Range(address, prefix);
	}

	private record Range(byte[] network, int prefix) {

		boolean contains(byte[] address) {
			if (address.length != network.length) {
				return false;
			}
			int shift = network.length * 8 - prefix;
			return new BigInteger(1, address).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
		}

	}

}
