package dev.manifold.daemon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code manifold probe}: asks the daemon for {@code GET /healthz} over its unix socket, for the
 * kubelet's exec probes (an {@code httpGet} probe cannot reach a unix socket). Exit status 0 when
 * the answer counts as healthy, 1 otherwise, with one line on stderr saying why (the kubelet puts
 * it in the pod's events).
 *
 * <p>By default only {@code 200} counts: the daemon is ready (its caches are synced). With
 * {@code --liveness} any HTTP answer counts: the daemon is serving, so restarting it would not
 * help — a daemon whose API server is unreachable still answers DEL from its journal, and a kill
 * would take that away too.
 *
 * <p>The probe is a fresh JVM each time, inside the daemon's CPU and memory limits, so it is kept
 * small: {@link #main} (what the DaemonSet's probes run) reads the three options itself, because
 * building picocli's model for {@code manifold} costs more than the whole probe (measured: 0.6 s
 * of CPU and 64 MB RSS through {@code bin/manifold probe}, 0.2 s and 48 MB through {@code main}).
 * Anything it does not recognise, {@code --help} included, goes to picocli. No logging, no JSON
 * library.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Ask the daemon over its socket whether it is healthy (exit 0) or not (exit 1).")
public final class ProbeCommand implements Callable<Integer> {
    static final String SOCKET = "--socket";
    static final String TIMEOUT = "--timeout-ms";
    static final String LIVENESS = "--liveness";
    static final String DEFAULT_SOCKET = "/run/multus/multus.sock";
    static final long DEFAULT_TIMEOUT_MS = 2000;
    /** The most of the answer read: a status line, a few headers and {@code {"status":"ok"}}. */
    private static final int MAX_ANSWER_BYTES = 4096;

    @Option(names = SOCKET, description = "the daemon's socket (default: ${DEFAULT-VALUE})",
            defaultValue = DEFAULT_SOCKET)
    Path socket = Path.of(DEFAULT_SOCKET);

    @Option(names = TIMEOUT, description = "give up after this long (default: ${DEFAULT-VALUE})",
            defaultValue = "" + DEFAULT_TIMEOUT_MS)
    long timeoutMs = DEFAULT_TIMEOUT_MS;

    @Option(names = LIVENESS, description = "any HTTP answer counts, not only 200 (the daemon may be unready)")
    boolean liveness;

    /** {@code manifold probe} without picocli, for the kubelet: see the class comment. */
    public static void main(String[] args) {
        System.exit(parse(args).map(ProbeCommand::call).orElseGet(() -> new CommandLine(new ProbeCommand()).execute(args)));
    }

    /** The probe {@code args} describe, when they are only the options above, each valid. */
    static Optional<ProbeCommand> parse(String[] args) {
        ProbeCommand probe = new ProbeCommand();
        for (int i = 0; i < args.length; i++) {
            boolean hasValue = i + 1 < args.length;
            switch (args[i]) {
                case LIVENESS -> probe.liveness = true;
                case SOCKET -> {
                    if (!hasValue) {
                        return Optional.empty();
                    }
                    probe.socket = Path.of(args[++i]);
                }
                case TIMEOUT -> {
                    if (!hasValue || !args[i + 1].matches("\\d{1,9}")) {
                        return Optional.empty();
                    }
                    probe.timeoutMs = Long.parseLong(args[++i]);
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(probe);
    }

    @Override
    public Integer call() {
        int status;
        try {
            status = statusWithin(timeoutMs);
        } catch (TimeoutException e) {
            return unhealthy("no answer from " + socket + " within " + timeoutMs + " ms");
        } catch (IOException e) {
            return unhealthy("cannot ask " + socket + ": " + e.getMessage());
        }
        if (status == 200 || liveness) {
            return 0;
        }
        return unhealthy(socket + " answered " + status + " (not ready)");
    }

    /**
     * Runs the exchange on a daemon thread: a blocking unix-socket channel has no read timeout,
     * and a daemon that accepted but never answers must still fail the probe in time. The thread
     * left blocked then dies with the JVM. (A platform thread: a virtual one loads a scheduler.)
     */
    private int statusWithin(long millis) throws IOException, TimeoutException {
        FutureTask<Integer> exchange = new FutureTask<>(this::healthzStatus);
        Thread thread = new Thread(exchange, "manifold-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            return exchange.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        }
    }

    /** One {@code GET /healthz} over HTTP/1.1; the status code of the answer. */
    private int healthzStatus() throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            String request = "GET /healthz HTTP/1.1\r\nHost: manifold\r\nConnection: close\r\n\r\n";
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            InputStream in = Channels.newInputStream(channel);
            return statusCode(new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.US_ASCII));
        }
    }

    /** The code of an {@code HTTP/1.x NNN reason} status line. */
    static int statusCode(String answer) throws IOException {
        int eol = answer.indexOf("\r\n");
        String statusLine = eol < 0 ? answer : answer.substring(0, eol);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            String shown = statusLine.length() > 64 ? statusLine.substring(0, 64) : statusLine;
            throw new IOException("not an HTTP answer: \"" + shown + "\"");
        }
        return Integer.parseInt(parts[1]);
    }

    private static int unhealthy(String why) {
        System.err.println("manifold probe: " + why);
        return 1;
    }
}
