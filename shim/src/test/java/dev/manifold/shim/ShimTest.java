package dev.manifold.shim;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ShimTest {

    @TempDir
    Path socketDir;

    private FakeDaemon daemon;

    @AfterEach
    void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private record Run(int exitCode, String stdout) {
        JsonObject json() {
            return JsonParser.parseString(stdout).getAsJsonObject();
        }
    }

    @Test
    void givenAddCommand_whenRun_thenPostsCniRequestWithJsonHeaders() throws Exception {
        daemon = FakeDaemon.answering(socketDir, FakeDaemon.reply(200, fixture("add-reply.json")));

        run(env("ADD"), fixtureBytes("netconf.json"));

        FakeDaemon.RecordedRequest request = daemon.request();
        assertThat(request.requestLine()).isEqualTo("POST /cni HTTP/1.1");
        assertThat(request.headers())
                .containsEntry("content-type", "application/json")
                .containsEntry("content-length", String.valueOf(request.body().length))
                .containsEntry("connection", "close")
                .containsKey("host");
    }

    @Test
    void givenCniAndOtherEnvironment_whenRun_thenBodyEnvHoldsExactlyTheCniVariablesThatAreSet() throws Exception {
        Map<String, String> env = env("DEL");
        env.remove("CNI_NETNS");
        env.put("HOME", "/root");
        daemon = FakeDaemon.answering(socketDir, FakeDaemon.reply(200, "{}"));

        run(env, fixtureBytes("netconf.json"));

        JsonObject sent = JsonParser.parseString(daemon.request().bodyText()).getAsJsonObject();
        assertThat(sent.getAsJsonObject("env").asMap()).containsOnlyKeys(
                "CNI_COMMAND", "CNI_CONTAINERID", "CNI_IFNAME", "CNI_ARGS", "CNI_PATH");
        assertThat(sent.getAsJsonObject("env").get("CNI_ARGS").getAsString())
                .isEqualTo(env.get("CNI_ARGS"));
    }

    @Test
    void givenConfigOnStdin_whenRun_thenBodyConfigIsBase64OfTheExactStdinBytes() throws Exception {
        byte[] stdin = fixtureBytes("netconf.json");
        daemon = FakeDaemon.answering(socketDir, FakeDaemon.reply(200, fixture("add-reply.json")));

        run(env("ADD"), stdin);

        JsonObject sent = JsonParser.parseString(daemon.request().bodyText()).getAsJsonObject();
        assertThat(Base64.getDecoder().decode(sent.get("config").getAsString())).isEqualTo(stdin);
    }

    @Test
    void givenAddReplyWithResult_whenRun_thenPrintsResultCompactlyAndExitsZero() throws Exception {
        daemon = FakeDaemon.answering(socketDir, FakeDaemon.reply(200, fixture("add-reply.json")));

        Run run = run(env("ADD"), fixtureBytes("netconf.json"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo(fixture("add-result.json"));
    }

    @Test
    void givenAddReplyWithoutResult_whenRun_thenFailsWithInternalError() throws Exception {
        daemon = FakeDaemon.answering(socketDir, FakeDaemon.reply(200, "{}"));

        Run run = run(env("ADD"), fixtureBytes("netconf.json"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().get("code").getAsInt()).isEqualTo(999);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEL", "CHECK", "GC", "STATUS"})
    void givenEmptyObjectReply_whenNonAddCommand_thenPrintsNothingAndExitsZero(String command) throws Exception {
        daemon = FakeDaemon.answering(socketDir, FakeDaemon.reply(200, "{}"));

        Run run = run(env(command), fixtureBytes("netconf.json"));

        assertThat(run).isEqualTo(new Run(0, ""));
    }

    @Test
    void givenDelReplyWithEmptyBody_whenRun_thenPrintsNothingAndExitsZero() throws Exception {
        daemon = FakeDaemon.answering(socketDir, FakeDaemon.reply(200, ""));

        Run run = run(env("DEL"), fixtureBytes("netconf.json"));

        assertThat(run).isEqualTo(new Run(0, ""));
    }

    @Test
    void givenCniErrorReply_whenRun_thenPrintsThatErrorAndExitsOne() throws Exception {
        daemon = FakeDaemon.answering(socketDir, FakeDaemon.reply(400, fixture("error-reply.json")));

        Run run = run(env("ADD"), fixtureBytes("netconf.json"));

        assertThat(run).isEqualTo(new Run(1, fixture("error-printed.json")));
    }

    @Test
    void givenPlainTextServerError_whenRun_thenSynthesizesCode999WithTheTextAsDetails() throws Exception {
        daemon = FakeDaemon.answering(socketDir, FakeDaemon.reply(500, fixture("plain-error.txt")));

        Run run = run(env("ADD"), fixtureBytes("netconf.json"));

        assertThat(run.exitCode()).isEqualTo(1);
        JsonObject error = run.json();
        assertThat(error.get("cniVersion").getAsString()).isEqualTo("1.0.0");
        assertThat(error.get("code").getAsInt()).isEqualTo(999);
        assertThat(error.get("msg").getAsString()).isEqualTo("daemon error (HTTP 500)");
        assertThat(error.get("details").getAsString()).isEqualTo(fixture("plain-error.txt").trim());
    }

    @Test
    void givenLongPlainTextError_whenRun_thenDetailsAreCutTo512Chars() throws Exception {
        daemon = FakeDaemon.answering(socketDir, FakeDaemon.reply(502, "x".repeat(2000)));

        Run run = run(env("ADD"), fixtureBytes("netconf.json"));

        assertThat(run.json().get("details").getAsString()).hasSize(512);
    }

    @Test
    void givenChunkedReply_whenAdd_thenPrintsTheReassembledResult() throws Exception {
        byte[] response = FakeDaemon.chunkedReply(200, fixture("add-reply.json"), 7);
        daemon = FakeDaemon.answering(socketDir, response);

        Run run = run(env("ADD"), fixtureBytes("netconf.json"));

        assertThat(run).isEqualTo(new Run(0, fixture("add-result.json")));
    }

    @Test
    void givenReplyDelimitedByClose_whenAdd_thenPrintsTheResult() throws Exception {
        byte[] response = FakeDaemon.replyUntilClose(200, fixture("add-reply.json"));
        daemon = FakeDaemon.answering(socketDir, response);

        Run run = run(env("ADD"), fixtureBytes("netconf.json"));

        assertThat(run).isEqualTo(new Run(0, fixture("add-result.json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADD", "DEL", "CHECK", "GC"})
    void givenNoDaemon_whenCommand_thenFailsWithTryAgainLaterAfterTheRetryWindow(String command) throws Exception {
        long started = System.nanoTime();
        Run run = run(env(command), fixtureBytes("netconf.json"));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(300);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().get("code").getAsInt()).isEqualTo(11);
        assertThat(run.json().get("msg").getAsString())
                .startsWith("manifold daemon is not reachable at " + socketDir.resolve("multus.sock") + ": ");
    }

    @Test
    void givenNoDaemon_whenStatus_thenFailsWithPluginNotAvailable() throws Exception {
        Run run = run(env("STATUS"), fixtureBytes("netconf.json"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().get("code").getAsInt()).isEqualTo(50);
    }

    @Test
    void givenDaemonStartingDuringRetryWindow_whenAdd_thenSucceeds() throws Exception {
        Map<String, String> env = env("ADD");
        env.put("MANIFOLD_SHIM_RETRY_SECONDS", "10");
        CompletableFuture<FakeDaemon> lateDaemon = CompletableFuture.supplyAsync(this::startAddDaemon,
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
        try {
            Run run = run(env, fixtureBytes("netconf.json"));

            assertThat(run).isEqualTo(new Run(0, fixture("add-result.json")));
        } finally {
            lateDaemon.get(5, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void givenDaemonThatNeverAnswers_whenAdd_thenTimesOutWithTryAgainLater() throws Exception {
        Map<String, String> env = env("ADD");
        env.put("MANIFOLD_SHIM_TIMEOUT_SECONDS", "0.3");
        daemon = FakeDaemon.neverAnswering(socketDir);

        Run run = run(env, fixtureBytes("netconf.json"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().get("code").getAsInt()).isEqualTo(11);
        assertThat(run.json().get("msg").getAsString()).isEqualTo("timed out waiting for the manifold daemon");
    }

    @Test
    void givenDaemonHangingUpWithoutReply_whenAdd_thenFailsWithTryAgainLater() throws Exception {
        daemon = FakeDaemon.hangingUp(socketDir);

        Run run = run(env("ADD"), fixtureBytes("netconf.json"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().get("code").getAsInt()).isEqualTo(11);
        assertThat(run.json().get("msg").getAsString()).startsWith("lost the connection to the manifold daemon");
    }

    @Test
    void givenNoDaemon_whenVersion_thenAnswersWithTheConfigVersion() throws Exception {
        Run run = run(env("VERSION"), "{\"cniVersion\":\"0.4.0\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(run).isEqualTo(new Run(0,
                "{\"cniVersion\":\"0.4.0\",\"supportedVersions\":[\"0.3.0\",\"0.3.1\",\"0.4.0\",\"1.0.0\",\"1.1.0\"]}"));
    }

    @Test
    void givenEmptyStdin_whenVersion_thenAnswersWithVersion110() throws Exception {
        Run run = run(env("VERSION"), new byte[0]);

        assertThat(run.exitCode()).isZero();
        assertThat(run.json().get("cniVersion").getAsString()).isEqualTo("1.1.0");
    }

    @Test
    void givenDaemonSocketDirInConfigOnly_whenRun_thenConnectsToThatDirectory() throws Exception {
        Map<String, String> env = env("DEL");
        env.remove("MANIFOLD_SOCKET_DIR");
        String config = "{\"cniVersion\":\"1.0.0\",\"name\":\"multus\",\"daemonSocketDir\":\"" + socketDir + "\"}";
        daemon = FakeDaemon.answering(socketDir, FakeDaemon.reply(200, "{}"));

        Run run = run(env, config.getBytes(StandardCharsets.UTF_8));

        assertThat(run).isEqualTo(new Run(0, ""));
        assertThat(daemon.request().requestLine()).isEqualTo("POST /cni HTTP/1.1");
    }

    private FakeDaemon startAddDaemon() {
        try {
            return FakeDaemon.answering(socketDir, FakeDaemon.reply(200, fixture("add-reply.json")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> env(String command) {
        Map<String, String> env = new HashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", "3f1c0de2a9b8");
        env.put("CNI_NETNS", "/var/run/netns/cni-1234");
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_ARGS", "IgnoreUnknown=true;K8S_POD_NAMESPACE=default;K8S_POD_NAME=web-0");
        env.put("CNI_PATH", "/opt/cni/bin");
        env.put("MANIFOLD_SOCKET_DIR", socketDir.toString());
        env.put("MANIFOLD_SHIM_RETRY_SECONDS", "0.3");
        return env;
    }

    private static Run run(Map<String, String> env, byte[] stdin) throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int exitCode = Shim.run(env, new ByteArrayInputStream(stdin), stdout);
        String printed = stdout.toString(StandardCharsets.UTF_8);
        if (!printed.isEmpty()) {
            assertThat(printed).as("stdout is one line of JSON").endsWith("\n").hasLineCount(1);
        }
        return new Run(exitCode, printed.strip());
    }

    static String fixture(String name) throws IOException {
        return new String(fixtureBytes(name), StandardCharsets.UTF_8).strip();
    }

    static byte[] fixtureBytes(String name) throws IOException {
        try (InputStream in = ShimTest.class.getResourceAsStream("/fixtures/shim/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
