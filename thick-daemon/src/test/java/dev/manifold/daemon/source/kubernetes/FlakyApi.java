package dev.manifold.daemon.source.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on loopback in front of the (mock) API server, to take the API away and bring it
 * back on the same address as an outage would: {@link #down()} closes the listening socket and
 * every open connection (new ones are refused); {@link #up()} listens again. {@link #slow(Duration)}
 * holds back every answer that long, as an overloaded API server does.
 */
final class FlakyApi implements AutoCloseable {
    private final int target;
    private final int port;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;
    private volatile Duration delay = Duration.ZERO;

    FlakyApi(int targetPort) throws IOException {
        this.target = targetPort;
        ServerSocket first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = first.getLocalPort();
        first.close();
        up();
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    synchronized void up() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listener = s;
        threads.submit(() -> accept(s));
    }

    synchronized void down() throws IOException {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        for (Socket s : open) {
            s.close();
        }
        open.clear();
    }

    void slow(Duration holdBack) {
        this.delay = holdBack;
    }

    @Override
    public void close() throws IOException {
        down();
        threads.shutdownNow();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(server);
                threads.submit(() -> pump(client, server, false));
                threads.submit(() -> pump(server, client, true));
            } catch (IOException e) {
                return; // closed by down()
            }
        }
    }

    /**
     * Copies {@code from} to {@code to}, answers held back by the {@link #slow} delay in force when
     * they arrive (open watches included); closes both at the end.
     */
    private void pump(Socket from, Socket to, boolean answers) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                Duration holdBack = answers ? delay : Duration.ZERO;
                if (!holdBack.isZero()) {
                    Thread.sleep(holdBack); // the latency being simulated
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
