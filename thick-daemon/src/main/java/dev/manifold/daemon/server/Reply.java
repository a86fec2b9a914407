package dev.manifold.daemon.server;

import java.nio.charset.StandardCharsets;

/** An HTTP answer to the shim: a status and a JSON body. */
public record Reply(int status, byte[] json) {
    public static Reply ok(String json) {
        return new Reply(200, json.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply of(int status, String json) {
        return new Reply(status, json.getBytes(StandardCharsets.UTF_8));
    }
}
