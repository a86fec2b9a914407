package dev.manifold.daemon.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SocketServerTest {
    @TempDir
    Path tmp;

    private SocketServer server;
    private final AtomicReference<String> received = new AtomicReference<>();
    private final AtomicBoolean ready = new AtomicBoolean(true);

    private SocketServer start(Path socketDir) {
        server = new SocketServer(socketDir, body -> {
            received.set(new String(body, StandardCharsets.UTF_8));
            return Reply.of(400, "{\"cniVersion\":\"1.0.0\",\"code\":7,\"msg\":\"nope\"}");
        }, ready::get, 8);
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A raw HTTP/1.1 exchange over the unix socket; returns the status line and body. */
    private static String[] exchange(Path socket, String method, String path, byte[] body) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            String head = method + " " + path + " HTTP/1.1\r\nHost: dummy\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            ch.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer b = ByteBuffer.wrap(body);
            try {
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            } catch (IOException e) {
                // The server may answer (413) and close before reading a body it will refuse.
            }
            String response = new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            return new String[] {response.substring(0, response.indexOf("\r\n")), response.substring(split + 4)};
        }
    }

    @Test
    void givenNewSocketDir_whenStarted_thenDirIs0700AndSocketIs0600() throws Exception {
        Path dir = tmp.resolve("run/multus");

        start(dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("multus.sock")))).isEqualTo("rw-------");
    }

    @Test
    void givenGroupWritableSocketDir_whenStarted_thenRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwx---"));

        assertThatThrownBy(() -> start(dir)).hasMessageContaining("writable by group or others");
    }

    @Test
    void givenWorldWritableSocketDir_whenStarted_thenRefusedAndNothingIsServedThere() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("world"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xrwx"));

        assertThatThrownBy(() -> start(dir)).hasMessageContaining("writable by group or others")
                .hasMessageContaining(dir.toString()).hasMessageContaining("rwxr-xrwx");
        assertThat(dir.resolve("multus.sock")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as("left as found").isEqualTo("rwxr-xrwx");
    }

    @Test
    void givenStickyWorldWritableSocketDirLikeTmp_whenStarted_thenRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tmp-like"));
        // 1777, as /tmp: the sticky bit stops others deleting the socket, not planting one first.
        Process chmod = new ProcessBuilder("chmod", "1777", dir.toString()).inheritIO().start();
        assertThat(chmod.waitFor()).isZero();

        assertThatThrownBy(() -> start(dir)).hasMessageContaining("writable by group or others");
        assertThat(dir.resolve("multus.sock")).doesNotExist();
    }

    @Test
    void givenStaleSocketFile_whenStarted_thenItIsReplaced() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("multus.sock"), "stale");

        start(dir);

        assertThat(exchange(dir.resolve("multus.sock"), "GET", "/healthz", new byte[0])[0]).contains("200");
    }

    @Test
    void givenReadyDaemon_whenHealthAndReadyzAreAskedByGetOrPost_then200() throws Exception {
        Path socket = start(tmp.resolve("s")).socket();

        for (String method : new String[] {"GET", "POST"}) {
            for (String path : new String[] {"/healthz", "/readyz"}) {
                assertThat(exchange(socket, method, path, new byte[0])[0]).as(method + " " + path).contains(" 200");
            }
        }
    }

    @Test
    void givenNotReady_whenHealthz_then503() throws Exception {
        ready.set(false);
        Path socket = start(tmp.resolve("s")).socket();

        assertThat(exchange(socket, "GET", "/healthz", new byte[0])[0]).contains(" 503");
    }

    @Test
    void givenCniPost_whenServed_thenEndpointGetsTheBodyAndItsReplyIsReturned() throws Exception {
        Path socket = start(tmp.resolve("s")).socket();

        String[] r = exchange(socket, "POST", "/cni", "{\"env\":{}}".getBytes(StandardCharsets.UTF_8));

        assertThat(received.get()).isEqualTo("{\"env\":{}}");
        assertThat(r[0]).contains(" 400");
        assertThat(r[1]).isEqualTo("{\"cniVersion\":\"1.0.0\",\"code\":7,\"msg\":\"nope\"}");
    }

    @Test
    void givenOversizedBody_whenPosted_then413WithACniError() throws Exception {
        Path socket = start(tmp.resolve("s")).socket();

        // Only the head: the server refuses on the declared length without reading a body, and a
        // body it never reads would make the kernel reset the connection under the answer.
        String head = "POST /cni HTTP/1.1\r\nHost: dummy\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (SocketServer.MAX_BODY_BYTES + 1) + "\r\nConnection: close\r\n\r\n";
        RawHttp.Response r;
        try (RawHttp http = new RawHttp()) {
            r = http.exchange(socket, head.getBytes(StandardCharsets.US_ASCII), 20_000).orElseThrow();
        }

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.text()).contains("\"code\":6").contains("exceeds");
        assertThat(received.get()).isNull();
    }

    @Test
    void givenUnknownPath_whenRequested_then404WithACniError() throws Exception {
        Path socket = start(tmp.resolve("s")).socket();

        String[] r = exchange(socket, "GET", "/nope", new byte[0]);

        assertThat(r[0]).contains(" 404");
        assertThat(r[1]).contains("\"code\":").contains("no such endpoint");
    }
}
