package dev.manifold.daemon.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends arbitrary bytes to the daemon's socket as one HTTP exchange, half-closes, and reads
 * whatever comes back: for tests that send what no well-behaved client would. The first response
 * is decoded (Content-Length or chunked); a connection closed without one is an empty answer.
 */
final class RawHttp implements AutoCloseable {
    /** The first response on the connection, if there was one. */
    record Response(int status, String headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("raw-http-watchdog").factory());

    /**
     * @throws IOException when the exchange could not be made, or no answer (nor a close) came
     *                     within {@code timeoutMillis}: a server that hangs
     */
    Optional<Response> exchange(Path socket, byte[] request, long timeoutMillis) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            AtomicBoolean fired = new AtomicBoolean();
            ScheduledFuture<?> watchdog = watchdogs.schedule(() -> {
                fired.set(true);
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing is the point
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                try {
                    ByteBuffer out = ByteBuffer.wrap(request);
                    while (out.hasRemaining()) {
                        ch.write(out);
                    }
                    ch.shutdownOutput();
                } catch (IOException e) {
                    // The server may answer and close before reading everything (413, 400).
                }
                ByteArrayOutputStream in = new ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(8192);
                while (true) {
                    int n;
                    try {
                        n = ch.read(buf);
                    } catch (IOException e) {
                        if (fired.get()) {
                            throw new IOException("no answer within " + timeoutMillis + " ms", e);
                        }
                        break; // reset by the server after its answer
                    }
                    if (n < 0) {
                        break;
                    }
                    in.write(buf.array(), 0, n);
                    buf.clear();
                }
                if (fired.get()) {
                    throw new IOException("no answer within " + timeoutMillis + " ms");
                }
                return parse(in.toByteArray());
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    static Optional<Response> parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || headEnd < 0) {
            throw new IOException("not an HTTP response: " + text.substring(0, Math.min(200, text.length())));
        }
        String head = text.substring(0, headEnd);
        int status = Integer.parseInt(head.substring(9, 12));
        String lower = head.toLowerCase(Locale.ROOT);
        int bodyStart = headEnd + 4;
        byte[] body;
        if (lower.contains("\r\ntransfer-encoding: chunked")) {
            body = dechunk(raw, bodyStart);
        } else {
            int cl = lower.indexOf("\r\ncontent-length: ");
            int length = raw.length - bodyStart;
            if (cl >= 0) {
                int end = lower.indexOf("\r\n", cl + 2);
                length = Math.min(length, Integer.parseInt(head.substring(cl + 18, end < 0 ? head.length() : end).trim()));
            }
            body = java.util.Arrays.copyOfRange(raw, bodyStart, bodyStart + length);
        }
        return Optional.of(new Response(status, head, body));
    }

    private static byte[] dechunk(byte[] raw, int at) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = at;
        while (true) {
            int lineEnd = indexOf(raw, pos);
            if (lineEnd < 0) {
                throw new IOException("truncated chunked body");
            }
            int size = Integer.parseInt(new String(raw, pos, lineEnd - pos, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(raw, lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] raw, int from) {
        for (int i = from; i + 1 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        watchdogs.shutdownNow();
    }
}
