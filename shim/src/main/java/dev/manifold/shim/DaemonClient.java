package dev.manifold.shim;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Posts one CNI request to the daemon's unix socket, the way Multus's shim does:
 * {@code POST /cni} with {@code Connection: close}, one request per connection.
 *
 * <p>While the socket cannot be connected to (daemon restarting, not yet started) the request is
 * retried with a growing pause until the retry window is spent. Once connected it is never resent.
 */
final class DaemonClient {

    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long MAX_PAUSE_MILLIS = 1_000;

    private final ShimSettings settings;

    DaemonClient(ShimSettings settings) {
        this.settings = settings;
    }

    /** Never throws: every way the exchange can end is a {@link DaemonOutcome}. */
    DaemonOutcome post(byte[] json) {
        byte[] request = httpRequest(json);
        long giveUpAt = System.nanoTime() + settings.retryMillis() * 1_000_000;
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            DaemonOutcome outcome = attempt(request);
            long left = (giveUpAt - System.nanoTime()) / 1_000_000;
            if (!(outcome instanceof DaemonOutcome.Unreachable) || left <= 0) {
                return outcome;
            }
            try {
                Thread.sleep(Math.min(pause, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return outcome;
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }

    private DaemonOutcome attempt(byte[] request) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            return new DaemonOutcome.Unreachable(reason(e));
        }
        Watchdog watchdog = Watchdog.guard(channel, settings.connectTimeoutMillis());
        try {
            try {
                channel.connect(UnixDomainSocketAddress.of(settings.socket()));
            } catch (IOException e) {
                return new DaemonOutcome.Unreachable(watchdog.fired()
                        ? "connect timed out after " + settings.connectTimeoutMillis() + " ms"
                        : reason(e));
            }
            watchdog.restart(settings.responseTimeoutMillis());
            try {
                ByteBuffer out = ByteBuffer.wrap(request);
                while (out.hasRemaining()) {
                    channel.write(out);
                }
                // No shutdownOutput(): Go's net/http server cancels the request context when it sees
                // the client's half of the connection close, which would abort the daemon's work.
                return HttpReply.read(new BufferedInputStream(Channels.newInputStream(channel)));
            } catch (IOException e) {
                return watchdog.fired()
                        ? new DaemonOutcome.TimedOut(settings.responseTimeoutMillis())
                        : new DaemonOutcome.Broken(reason(e));
            }
        } finally {
            watchdog.disarm();
            closeQuietly(channel);
        }
    }

    private byte[] httpRequest(byte[] json) {
        String head = "POST /cni HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "User-Agent: manifold-shim\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + json.length + "\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + json.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(json, 0, request, headBytes.length, json.length);
        return request;
    }

    private static String reason(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The reply, if any, is already read; a failed close cannot change the outcome.
        }
    }
}
