package dev.manifold.daemon.server;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/** A minimal HTTP/1.1 client over a unix socket, for tests that talk to the daemon as the shim does. */
public final class UnixHttp {
    private UnixHttp() {
    }

    /** Status code and body of one exchange. */
    public record Answer(int status, String body) {
    }

    /** {@code POST /cni} with the shim's body shape: {@code {"env": {...}, "config": base64}}. */
    public static Answer cni(Path socket, Map<String, String> env, String config) throws IOException {
        StringBuilder body = new StringBuilder("{\"env\":{");
        env.forEach((k, v) -> body.append('"').append(k).append("\":\"").append(v.replace("\"", "\\\"")).append("\","));
        if (!env.isEmpty()) {
            body.setLength(body.length() - 1);
        }
        body.append("},\"config\":\"").append(Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8))).append("\"}");
        return post(socket, "/cni", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static Answer post(Path socket, String path, byte[] body) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            String head = "POST " + path + " HTTP/1.1\r\nHost: dummy\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            ch.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer b = ByteBuffer.wrap(body);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            String response = new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            return new Answer(status, response.substring(response.indexOf("\r\n\r\n") + 4));
        }
    }
}
