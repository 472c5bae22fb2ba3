package dev.moonlight.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 in front of a server on 127.0.0.1 (the machine's PostgreSQL),
 * for outage tests that must never stop that server: {@link #cut()} closes every proxied
 * connection and the listening socket, so new connections are refused;
 * {@link #blackhole()} lets nothing flow any more (open connections stay open, new ones
 * are accepted by the kernel and wait), as a network partition does; {@link #restore()}
 * ends either.
 */
public final class CuttableProxy implements AutoCloseable {

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final int port;

	private volatile ServerSocket listener;

	/**
	 * While true nothing is forwarded: each pump holds what it read, the acceptor holds
	 * the next connection.
	 */
	private boolean blackholed;

	public CuttableProxy(int targetPort) {
		this.targetPort = targetPort;
		this.listener = listen(0);
		this.port = listener.getLocalPort();
		acceptOn(listener);
	}

	public int port() {
		return port;
	}

	/**
	 * Closes every connection through the proxy and stops listening: connection attempts
	 * are refused.
	 */
	public synchronized void cut() {
		closeQuietly(listener);
		for (Socket socket : sockets) {
			closeQuietly(socket);
		}
		sockets.clear();
	}

	/**
	 * Nothing flows any more, in either direction, and new connections are held
	 * unanswered.
	 */
	public synchronized void blackhole() {
		blackholed = true;
	}

	/**
	 * Lets held data and connections through (after a blackhole), or listens again on the
	 * same port (after a cut).
	 */
	public synchronized void restore() {
		blackholed = false;
		notifyAll();
		if (listener.isClosed()) {
			listener = listen(port);
			acceptOn(listener);
		}
	}

	@Override
	public synchronized void close() {
		cut();
		// Held pumps and the acceptor go on, find their sockets closed and end.
		blackholed = false;
		notifyAll();
	}

	private synchronized void awaitFlow() throws InterruptedException {
		while (blackholed) {
			wait();
		}
	}

	private void acceptOn(ServerSocket server) {
		Thread acceptor = new Thread(() -> {
			while (!server.isClosed()) {
				try {
					Socket client = server.accept();
					awaitFlow();
					forward(client);
				}
				catch (IOException ex) {
					// Closed by cut(): stop accepting.
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "proxy-accept-" + port);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void forward(Socket client) {
		try {
			Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
			synchronized (this) {
				sockets.add(client);
				sockets.add(upstream);
				if (listener.isClosed()) {
					// Accepted just before a cut: it goes with the others.
					closeQuietly(client);
					closeQuietly(upstream);
					return;
				}
			}
			pump(client, upstream);
			pump(upstream, client);
		}
		catch (IOException ex) {
			closeQuietly(client);
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					awaitFlow();
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException | InterruptedException ex) {
				// One side went away: the finally closes both.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				sockets.remove(from);
				sockets.remove(to);
			}
		}, "proxy-pump-" + port);
		thread.setDaemon(true);
		thread.start();
	}

	private static ServerSocket listen(int port) {
		try {
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot listen on 127.0.0.1:" + port, ex);
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Already closed.
		}
	}

}
