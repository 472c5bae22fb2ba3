package dev.moonlight.tcp;

import java.util.List;

import dev.moonlight.config.PoolSection;

/**
 * {@code tcp} in {@code .rr.yaml}: the servers to start and the pool their blocking
 * handlers run on.
 *
 * @param servers {@code tcp.servers}, in file order, without those whose {@code addr} is
 * empty
 * @param pool {@code tcp.pool}, read like {@code http.pool} (same keys, defaults and
 * limits)
 */
public record TcpSection(List<TcpServerSection> servers, PoolSection pool) {

	public TcpSection {
		servers = List.copyOf(servers);
	}

	/** Whether any server is configured. */
	public boolean enabled() {
		return !servers.isEmpty();
	}

}
