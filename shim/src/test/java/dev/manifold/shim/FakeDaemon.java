package dev.manifold.shim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.EOFException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection stand-in for the daemon on {@code <dir>/multus.sock}: records the request it
 * receives and answers with canned bytes, hangs up without answering, or never answers.
 */
final class FakeDaemon implements AutoCloseable {

    /** What crossed the socket. Header names are lower-cased. */
    record RecordedRequest(String requestLine, Map<String, String> headers, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private enum Behaviour { ANSWER, HANG_UP, NEVER_ANSWER }

    private final ServerSocketChannel server;
    private final Path socket;
    private final Behaviour behaviour;
    private final byte[] response;
    private final CompletableFuture<RecordedRequest> request = new CompletableFuture<>();
    private final Thread thread;

    private FakeDaemon(Path dir, Behaviour behaviour, byte[] response) throws IOException {
        this.socket = dir.resolve("multus.sock");
        this.behaviour = behaviour;
        this.response = response;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.thread = Thread.ofPlatform().daemon().name("fake-daemon").start(this::serveOne);
    }

    /** Answers the first request with {@code response}, raw bytes, then closes the connection. */
    static FakeDaemon answering(Path dir, byte[] response) throws IOException {
        return new FakeDaemon(dir, Behaviour.ANSWER, response);
    }

    /** Reads the first request and closes the connection without a byte of reply. */
    static FakeDaemon hangingUp(Path dir) throws IOException {
        return new FakeDaemon(dir, Behaviour.HANG_UP, new byte[0]);
    }

    /** Reads the first request and keeps the connection open, silent, until closed. */
    static FakeDaemon neverAnswering(Path dir) throws IOException {
        return new FakeDaemon(dir, Behaviour.NEVER_ANSWER, new byte[0]);
    }

    /** A complete response delimited by Content-Length. */
    static byte[] reply(int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return concat(head(status, "Content-Length: " + bytes.length), bytes);
    }

    /** A response in chunks of at most {@code chunkSize} bytes, with a chunk extension and a trailer. */
    static byte[] chunkedReply(int status, String body, int chunkSize) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head(status, "Transfer-Encoding: chunked"));
        for (int at = 0; at < bytes.length; at += chunkSize) {
            int size = Math.min(chunkSize, bytes.length - at);
            out.writeBytes((Integer.toHexString(size) + ";ext=1\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, at, size);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\nX-Trailer: yes\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** A response whose body is delimited only by the server closing the connection. */
    static byte[] replyUntilClose(int status, String body) {
        return concat(head(status, "Connection: close"), body.getBytes(StandardCharsets.UTF_8));
    }


    /** The request the daemon received; fails if none arrived within five seconds. */
    RecordedRequest request() throws Exception {
        return request.get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(socket);
    }

    private void serveOne() {
        try (SocketChannel client = server.accept()) {
            request.complete(readRequest(Channels.newInputStream(client)));
            if (behaviour == Behaviour.ANSWER) {
                client.write(ByteBuffer.wrap(response));
            } else if (behaviour == Behaviour.NEVER_ANSWER) {
                client.read(ByteBuffer.allocate(1)); // blocks until the shim gives up and closes
            }
        } catch (IOException | RuntimeException e) {
            request.completeExceptionally(e);
        }
    }

    private static RecordedRequest readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new RecordedRequest(requestLine, headers, in.readNBytes(length));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("request ended early");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static byte[] head(int status, String framing) {
        return ("HTTP/1.1 " + status + " Whatever\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
