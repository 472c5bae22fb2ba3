package dev.moonlight.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.util.Locale;

import dev.moonlight.reload.HandOverFile;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import reactor.netty.transport.ServerTransport;
import reactor.netty.transport.ServerTransportConfig;

/**
 * Listeners a reload's new process can bind while the old one still serves:
 * {@code SO_REUSEPORT} on Linux, where the kernel then spreads new connections over both
 * until the old one closes its listener. Because the kernel no longer refuses a second
 * bind, a process that is not a reload's new one first checks the port with a plain
 * socket, so starting a second server by mistake still fails with "port in use" rather
 * than sharing the port silently.
 */
public final class SharedPort {

	private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

	private final boolean successor;

	/**
	 * @param successor whether this process is a reload's new one, which binds beside the
	 * old one on purpose
	 */
	public SharedPort(boolean successor) {
		this.successor = successor;
	}

	private static boolean local(InetSocketAddress address) {
		if (address.isUnresolved()) {
			return false;
		}
		try {
			return address.getAddress().isAnyLocalAddress() || address.getAddress().isLoopbackAddress()
					|| NetworkInterface.getByInetAddress(address.getAddress()) != null;
		}
		catch (SocketException ex) {
			return false;
		}
	}

	/**
	 * As this process was started: a reload's new process when
	 * {@link HandOverFile#VARIABLE} is set.
	 */
	public static SharedPort ofEnvironment() {
		return new SharedPort(HandOverFile.ofEnvironment(System::getenv).isPresent());
	}

	/**
	 * {@code SO_REUSEPORT} for {@code server}'s listener, in the option of the transport
	 * it will run on.
	 */
	public <T extends ServerTransport<T, C>, C extends ServerTransportConfig<C>> T share(T server) {
		if (!LINUX) {
			return server;
		}
		return (server.configuration().isPreferNative() && Epoll.isAvailable())
				? server.option(EpollChannelOption.SO_REUSEPORT, true)
				: server.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
	}

	/**
	 * Whether another program listens on {@code address} already; always {@code false}
	 * for a reload's new process and for port 0.
	 */
	public boolean taken(SocketAddress address) {
		if (successor || !(address instanceof InetSocketAddress inet) || inet.getPort() == 0) {
			return false;
		}
		try (ServerSocket probe = new ServerSocket()) {
			probe.bind(inet);
			return false;
		}
		catch (BindException ex) {
			// The message is the C library's, in the system's language; an address that
			// is not this machine's is the real bind's to report, in its words; on one of
			// ours, a refused bind means the port is taken.
			return local(inet);
		}
		catch (IOException ex) {
			return false;
		}
	}

}
