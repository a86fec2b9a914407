package dev.manifold.daemon.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.Daemon;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.request.RequestParserFuzzTest;
import dev.manifold.daemon.source.InMemorySource;
import dev.manifold.testkit.FakePlugins;
import dev.manifold.testkit.fuzz.CniOutcomes;
import dev.manifold.testkit.fuzz.FuzzSettings;
import dev.manifold.testkit.fuzz.Gen;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated requests — well-formed HTTP carrying generated bodies, and HTTP broken in its request
 * line, headers and framing — sent to a real daemon (socket server, CNI service, journal; fake
 * plugins that only record). Every answer is a 200 or a CNI error object with a documented code
 * (never 999, which means a bug), a well-formed request always gets one, nothing hangs, and a
 * request that failed leaves no attachment record behind.
 */
@AddLifecycleHook(FuzzSettings.class)
class WireFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> DOCUMENTED = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 11, 50, 51);
    private static final long ANSWER_TIMEOUT_MILLIS = 20_000;

    private Path dir;
    private Daemon daemon;
    private Path socket;
    private final RawHttp http = new RawHttp();

    /** One exchange: the bytes sent, and whether they are a well-formed HTTP request. */
    record Exchange(byte[] bytes, boolean wellFormed, boolean head) {
        @Override
        public String toString() {
            return CniOutcomes.show(bytes);
        }
    }

    /** The parts of a request line, and whether a Host header follows it. */
    private record RequestLine(String method, String path, String version, boolean host) {
    }

    @BeforeProperty
    void startDaemon() throws Exception {
        dir = Files.createTempDirectory("wire-fuzz");
        Path bin = dir.resolve("bin");
        FakePlugins.install(bin, "recorder", "bridge");
        FakePlugins.install(bin, "recorder", "macvlan");
        Path netd = Files.createDirectories(dir.resolve("net.d"));
        Files.writeString(netd.resolve("10-cluster.conf"), "{\"cniVersion\":\"1.0.0\",\"name\":\"cluster\",\"type\":\"bridge\"}");
        ObjectNode raw = (ObjectNode) JSON.readTree("""
                {"socketDir":"%s","cniDir":"%s","binDir":"%s","confDir":"%s","clusterNetwork":"%s","delegateTimeoutSeconds":5}"""
                .formatted(dir.resolve("run"), dir.resolve("cache"), bin, netd, netd.resolve("10-cluster.conf")));
        InMemorySource source = new InMemorySource()
                .nad("team", "data", "{\"cniVersion\":\"1.0.0\",\"name\":\"data\",\"type\":\"macvlan\"}")
                .pod("team", "app", Map.of("k8s.v1.cni.cncf.io/networks", "data"));
        daemon = new Daemon(ConfigParser.parse(raw, k -> { }), raw, source);
        daemon.start();
        socket = dir.resolve("run/multus.sock");
    }

    @AfterProperty
    void stop() throws IOException {
        http.close();
        if (daemon != null) {
            daemon.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Provide
    Arbitrary<Exchange> exchanges() {
        Arbitrary<byte[]> body = RequestParserFuzzTest.body();
        Arbitrary<Exchange> wellFormed = body.map(b -> new Exchange(concat("POST /cni HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n", b), true, false));
        return Gen.weighted(new int[] {7, 3}, List.of(wellFormed, mangled(body)));
    }

    /** Broken request lines, headers and framing, each part drawn on its own. */
    private static Arbitrary<Exchange> mangled(Arbitrary<byte[]> bodies) {
        Arbitrary<String> method = Gen.weighted(new int[] {5, 3, 2}, List.of(Arbitraries.just("POST"),
                Arbitraries.of("GET", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "post", "TRACE"),
                Gen.strings(Gen.LOWER + Gen.NASTY, 8)));
        Arbitrary<String> path = Gen.weighted(new int[] {5, 3, 2}, List.of(Arbitraries.just("/cni"),
                Arbitraries.of("/healthz", "/readyz", "/cni/", "//cni", "/cni?x=1", "/CNI", "/%2e%2e/cni", "*", "/cni#x", "/delegate"),
                Gen.strings(Gen.LOWER + Gen.NASTY, 20)));
        Arbitrary<String> version = Gen.weighted(new int[] {7, 2, 1}, List.of(Arbitraries.just("HTTP/1.1"),
                Arbitraries.of("HTTP/1.0", "HTTP/2.0", "HTTP/1.1 x", "HTTP/9.9", ""), Gen.anyText(10)));
        Arbitrary<Boolean> host = Gen.weighted(new int[] {4, 1}, List.of(Arbitraries.just(true), Arbitraries.just(false)));
        Arbitrary<RequestLine> line = Combinators.combine(method, path, version, host).as(RequestLine::new);
        Arbitrary<String> header = Arbitraries.oneOf(
                Arbitraries.of("Content-Type: text/plain", "Expect: 100-continue", "Connection: keep-alive",
                        "Transfer-Encoding: chunked", "Transfer-Encoding: gzip", "Content-Length: -1",
                        "Content-Length: 99999999999", "Content-Length: abc", "Content-Length: 0", "Host:", "X: y\nZ: w"),
                Combinators.combine(Gen.strings(Gen.LOWER + "-", 12), Gen.anyText(40)).as((k, v) -> k + ": " + v),
                Arbitraries.integers().between(1_000, 40_000).map(n -> "X-Long: " + "a".repeat(n)));
        Arbitrary<byte[]> body = Gen.weighted(new int[] {1, 3}, List.of(
                Gen.anyText(200).map(t -> t.getBytes(StandardCharsets.UTF_8)), bodies));
        Arbitrary<Integer> framing = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> lengthError = Arbitraries.integers().between(-20, 20);
        Arbitrary<Boolean> brokenChunk = Gen.weighted(new int[] {1, 2}, List.of(Arbitraries.just(true), Arbitraries.just(false)));
        return Combinators.combine(line, body, framing, lengthError, brokenChunk, Gen.listOf(header, 4))
                .as((l, b, frame, error, broken, headers) -> {
                    byte[] sent = b;
                    StringBuilder head = new StringBuilder(l.method()).append(' ').append(l.path()).append(' ').append(l.version())
                            .append("\r\n");
                    if (l.host()) {
                        head.append("Host: localhost\r\n");
                    }
                    switch (frame) {
                        case 0 -> head.append("Content-Length: ").append(b.length).append("\r\n");
                        case 1 -> head.append("Content-Length: ").append(Math.max(0, b.length + error)).append("\r\n");
                        case 2 -> {
                            head.append("Transfer-Encoding: chunked\r\n");
                            sent = chunked(b, broken);
                        }
                        default -> { }
                    }
                    headers.forEach(h -> head.append(h).append("\r\n"));
                    return new Exchange(concat(head.append("\r\n").toString(), sent), false, l.method().equals("HEAD"));
                });
    }

    @Property(tries = 2_500)
    void givenGeneratedRequests_whenSent_thenEveryAnswerIsSuccessOrADocumentedCniError(@ForAll("exchanges") Exchange exchange) {
        Statistics.collect(exchangeChecked(exchange));
    }

    private String exchangeChecked(Exchange exchange) {
        Optional<RawHttp.Response> answer;
        try {
            answer = http.exchange(socket, exchange.bytes(), ANSWER_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new AssertionError("exchange failed: " + e.getMessage(), e);
        }
        if (answer.isEmpty()) {
            assertThat(exchange.wellFormed()).as("a well-formed request got no answer").isFalse();
            requireNoRecords();
            return "no answer";
        }
        RawHttp.Response response = answer.get();
        String label = String.valueOf(response.status());
        if (!exchange.head() && response.status() != 200) {
            label += " code " + requireCniError(response);
        }
        if (response.status() == 200) {
            cleanUpAfterSuccess();
        }
        requireNoRecords();
        return label;
    }

    /** @return the error's code, after checking the body is a CNI error object with a documented one */
    private static int requireCniError(RawHttp.Response response) {
        JsonNode error;
        try {
            error = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("HTTP " + response.status() + " without a JSON body: " + CniOutcomes.show(response.text()));
        }
        assertThat(error.isObject()).as("HTTP %s body is an object: %s", response.status(), response.text()).isTrue();
        assertThat(error.path("code").isIntegralNumber()).as("integer code in %s", response.text()).isTrue();
        assertThat(error.path("msg").isTextual()).as("string msg in %s", response.text()).isTrue();
        assertThat(error.path("msg").asText()).hasSizeLessThan(1024);
        assertThat(DOCUMENTED).as("documented code in %s", response.text()).contains(error.path("code").asInt());
        return error.path("code").asInt();
    }

    /** A successful ADD leaves its record: DEL it as the runtime would, which must remove it. */
    private void cleanUpAfterSuccess() {
        for (String containerId : records()) {
            String del = "{\"env\":{\"CNI_COMMAND\":\"DEL\",\"CNI_CONTAINERID\":\"" + containerId + "\",\"CNI_IFNAME\":\"eth0\"},"
                    + "\"config\":\"" + java.util.Base64.getEncoder().encodeToString(
                    "{\"cniVersion\":\"1.0.0\",\"name\":\"multus-cni-network\",\"type\":\"manifold-shim\"}".getBytes(StandardCharsets.UTF_8)) + "\"}";
            try {
                UnixHttp.Answer answer = UnixHttp.post(socket, "/cni", del.getBytes(StandardCharsets.UTF_8));
                assertThat(answer.status()).as("DEL after a successful ADD: %s", answer.body()).isEqualTo(200);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    private void requireNoRecords() {
        assertThat(records()).as("attachment records left behind").isEmpty();
    }

    private List<String> records() {
        Path attachments = dir.resolve("cache/attachments");
        if (!Files.isDirectory(attachments)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(attachments)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - ".json".length())).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] chunked(byte[] body, boolean broken) {
        String hex = Integer.toHexString(body.length);
        String head = (broken ? "zz" : hex) + "\r\n";
        return concat(head, concat(new String(body, StandardCharsets.ISO_8859_1), "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)),
                StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(String head, byte[] body) {
        return concat(head, body, StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(String head, byte[] body, java.nio.charset.Charset charset) {
        byte[] h = head.getBytes(charset);
        byte[] out = new byte[h.length + body.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }
}
