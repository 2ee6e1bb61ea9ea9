package dev.fanoutlab.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of the test PostgreSQL that a test can cut: while it is down, open
 * connections are closed and new ones refused, as when the database server goes away. Or
 * black-hole: connections stay open and new ones are accepted, but no byte gets through
 * either way, as when a network path drops every packet (nothing refused, nothing
 * answered); {@link #restore()} then delivers what was held back, as a healed path does.
 */
public final class TcpProxy implements AutoCloseable {

	private final String targetHost;

	private final int targetPort;

	private final int port;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket listener;

	private volatile boolean blackHoled;

	public TcpProxy(String targetHost, int targetPort) {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.port = listen(0);
	}

	public int port() {
		return this.port;
	}

	/** Closes every open connection and refuses new ones. */
	public synchronized void cut() {
		closeQuietly(this.listener);
		this.listener = null;
		this.open.forEach(TcpProxy::closeQuietly);
		this.open.clear();
	}

	/** Keeps every connection open and accepts new ones, but forwards no byte. */
	public synchronized void blackHole() {
		this.blackHoled = true;
	}

	/** Accepts and forwards again, on the same port. */
	public synchronized void restore() {
		this.blackHoled = false;
		if (this.listener == null) {
			listen(this.port);
		}
	}

	private int listen(int onPort) {
		try {
			ServerSocket socket = new ServerSocket(onPort, 200, InetAddress.getLoopbackAddress());
			socket.setReuseAddress(true);
			this.listener = socket;
			Thread.ofVirtual().name("db-proxy-accept").start(() -> accept(socket));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Socket server = new Socket(this.targetHost, this.targetPort);
				if (!register(socket, client, server)) {
					closeQuietly(client);
					closeQuietly(server);
					continue;
				}
				Thread.ofVirtual().start(() -> pump(client, server));
				Thread.ofVirtual().start(() -> pump(server, client));
			}
			catch (IOException ex) {
				// listener closed by cut(), or the target refused: the client sees a
				// closed socket
			}
		}
	}

	/**
	 * Under the same lock as {@link #cut()}: a connection accepted just before a cut is
	 * either closed by it or refused here, never left open through it.
	 */
	private synchronized boolean register(ServerSocket acceptedBy, Socket client, Socket server) {
		if (this.listener != acceptedBy) {
			return false;
		}
		this.open.add(client);
		this.open.add(server);
		return true;
	}

	private void pump(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			byte[] buffer = new byte[8192];
			int read;
			holdWhileBlackHoled();
			while ((read = in.read(buffer)) >= 0) {
				holdWhileBlackHoled();
				out.write(buffer, 0, read);
				holdWhileBlackHoled();
			}
		}
		catch (IOException ex) {
			// one side went away
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.open.remove(from);
			this.open.remove(to);
		}
	}

	/** A polling wait: test support, standing in for a network path that is down. */
	private void holdWhileBlackHoled() {
		while (this.blackHoled) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// closing anyway
			}
		}
	}

	@Override
	public void close() {
		cut();
	}

}
