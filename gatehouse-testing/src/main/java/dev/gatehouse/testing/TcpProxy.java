package dev.gatehouse.testing;

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
 * A TCP proxy on loopback between Gatehouse and a real server (PostgreSQL, Redis), that a test
 * can {@link #cut} (every connection reset, new ones refused), {@link #blackHole} (connections
 * stay open but nothing crosses: a network that silently drops packets) and {@link #restore}.
 */
public final class TcpProxy implements AutoCloseable {
    private enum Mode { OPEN, CUT, BLACK_HOLE }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile Mode mode = Mode.OPEN;
    private volatile boolean closed;

    private TcpProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
        Thread.ofVirtual().start(this::accept);
    }

    /**
     * Starts a proxy to a server, open: traffic flows until a test cuts it or holds it.
     *
     * @param host the real server's host
     * @param port the real server's port
     * @return the running proxy, listening on a free loopback port; close it after the test
     * @throws IOException when no loopback port can be opened
     */
    public static TcpProxy to(String host, int port) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return new TcpProxy(listener, new InetSocketAddress(host, port));
    }

    /**
     * The port to connect to instead of the real server's.
     *
     * @return the proxy's port on the loopback address
     */
    public int port() {
        return listener.getLocalPort();
    }

    /** Resets every connection and refuses new ones (they are accepted and closed at once). */
    public void cut() {
        mode = Mode.CUT;
        closeAll();
    }

    /** Connections stay up but no byte crosses, either way, until {@link #restore}. */
    public void blackHole() {
        mode = Mode.BLACK_HOLE;
    }

    /** Traffic flows again; connections held during a black hole go on where they stopped. */
    public void restore() {
        synchronized (gate) {
            mode = Mode.OPEN;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (mode == Mode.CUT) {
                    client.close();
                    continue;
                }
                Socket server = new Socket();
                server.connect(target, 5000);
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pump(client, server));
                Thread.ofVirtual().start(() -> pump(server, client));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                awaitPassage();
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // One side went away: end the pair.
        } finally {
            close(from);
            close(to);
        }
    }

    /** Holds the bytes while the network is a black hole; a cut ends the connection. */
    private void awaitPassage() throws InterruptedException, IOException {
        synchronized (gate) {
            while (mode == Mode.BLACK_HOLE && !closed) {
                gate.wait();
            }
        }
        if (mode == Mode.CUT) {
            throw new IOException("cut");
        }
    }

    private void closeAll() {
        sockets.forEach(TcpProxy::close);
        sockets.clear();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that was wanted.
        }
    }

    /**
     * Stops accepting and ends every connection; a held connection is released first, so that no
     * pump stays waiting.
     *
     * @throws IOException when the listening socket cannot be closed
     */
    @Override
    public void close() throws IOException {
        closed = true;
        restore();
        listener.close();
        closeAll();
    }
}
