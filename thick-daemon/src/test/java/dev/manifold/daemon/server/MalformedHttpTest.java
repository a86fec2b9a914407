package dev.manifold.daemon.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP that Jetty itself refuses — found by fuzzing the wire — is answered like everything else
 * on the socket: with a CNI error object (code 6), not an empty body or an HTML page.
 */
class MalformedHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private SocketServer server;
    private final RawHttp http = new RawHttp();

    @BeforeEach
    void start() {
        server = new SocketServer(tmp.resolve("run"), body -> Reply.ok("{}"), () -> true, 8);
        server.start();
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "POST  HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
            "POST /cni HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
            "POST /cni HTTP/9.9\r\nHost: x\r\n\r\n",
            "POST /cni HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
            "POST /cni HTTP/1.1\r\nHost: x\r\nX-Long: LONG\r\n\r\n"})
    void givenHttpJettyRefuses_whenSent_thenTheAnswerIsACniErrorWithCode6(String request) throws Exception {
        byte[] bytes = request.replace("LONG", "a".repeat(40_000)).getBytes(StandardCharsets.ISO_8859_1);

        RawHttp.Response response = http.exchange(server.socket(), bytes, 20_000).orElseThrow();

        assertThat(response.status()).isBetween(400, 599);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("code").asInt()).as(response.text()).isEqualTo(6);
        assertThat(error.path("msg").asText()).startsWith("malformed HTTP request: ");
    }
}
