package dev.moonlight.web;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpHeaders;

import dev.moonlight.config.ConfigValue;

/**
 * The peers whose {@code X-Forwarded-*} headers are believed:
 * {@code [server] TRUSTED_PROXIES}, a comma-separated list of addresses and CIDR ranges
 * ({@code 127.0.0.1, ::1, 10.0.0.0/8}). Nobody is trusted by default, because a client
 * can send those headers itself.
 * <p>
 * Each proxy appends the address it received the request from, so only the right end of
 * {@code X-Forwarded-For} is written by proxies we trust; everything left of the first
 * untrusted hop may be the client's own invention. The client is therefore the right-most
 * hop that is not a trusted proxy, found walking the list from the right, and
 * {@code X-Forwarded-Proto} is read at the same hop.
 */
final class TrustedProxies {

	static final TrustedProxies NONE = new TrustedProxies(List.of());

	private final List<Range> ranges;

	private TrustedProxies(List<Range> ranges) {
		this.ranges = List.copyOf(ranges);
	}

	/**
	 * Parses the setting; names only literal addresses, so reading it never does a DNS
	 * lookup.
	 */
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
		return trusts(peer.getAddress());
	}

	/**
	 * The client: the right-most untrusted {@code X-Forwarded-For} hop if the peer is a
	 * trusted proxy, else the peer.
	 */
	InetSocketAddress client(InetSocketAddress peer, HttpHeaders headers) {
		if (!trusts(peer)) {
			return peer;
		}
		List<String> hops = hops(headers, "X-Forwarded-For");
		int client = clientHop(hops);
		return (client < 0) ? peer : new InetSocketAddress(literal(hops.get(client)), 0);
	}

	/**
	 * Whether a trusted proxy says the client connected over {@code https}:
	 * {@code X-Forwarded-Proto} at the client's hop when the proxies append one entry per
	 * hop to both headers, else its right-most entry (the nearest proxy's).
	 */
	boolean forwardedHttps(InetSocketAddress peer, HttpHeaders headers) {
		if (!trusts(peer)) {
			return false;
		}
		List<String> protocols = hops(headers, "X-Forwarded-Proto");
		if (protocols.isEmpty()) {
			return false;
		}
		List<String> hops = hops(headers, "X-Forwarded-For");
		int client = (hops.size() == protocols.size()) ? clientHop(hops) : -1;
		return "https".equalsIgnoreCase(protocols.get((client < 0) ? protocols.size() - 1 : client));
	}

	/**
	 * The index of the right-most hop that is not a trusted proxy (the left-most when all
	 * are), or -1 when there are none or a hop to be passed is not an IP address: nothing
	 * left of it can be believed.
	 */
	private int clientHop(List<String> hops) {
		for (int i = hops.size() - 1; i >= 0; i--) {
			InetAddress hop = literal(hops.get(i));
			if (hop == null) {
				return -1;
			}
			if (i == 0 || !trusts(hop)) {
				return i;
			}
		}
		return -1;
	}

	private boolean trusts(InetAddress address) {
		byte[] bytes = address.getAddress();
		return ranges.stream().anyMatch((range) -> range.contains(bytes));
	}

	/** Every entry of every line of a list header, left to right, trimmed. */
	private static List<String> hops(HttpHeaders headers, String name) {
		List<String> hops = new ArrayList<>();
		List<String> lines = headers.get(name);
		if (lines != null) {
			for (String line : lines) {
				for (String entry : line.split(",")) {
					hops.add(entry.strip());
				}
			}
		}
		return hops;
	}

	/**
	 * An IP address written as one (never a name, so reading a header never does a DNS
	 * lookup), or {@code null}.
	 */
	private static InetAddress literal(String hop) {
		if (hop.isEmpty() || !hop.matches("[0-9a-fA-F:.]+")) {
			return null;
		}
		try {
			return InetAddress.getByName(hop);
		}
		catch (UnknownHostException ex) {
			return null;
		}
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
