package dev.manifold.daemon.cli;

import dev.manifold.daemon.server.Reply;
import dev.manifold.daemon.server.SocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code manifold probe} against a real socket server, run as the kubelet would: by exit status. */
class ProbeCommandTest {
    @TempDir
    Path dir;

    private final AtomicBoolean ready = new AtomicBoolean();
    private SocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Path serve() {
        server = new SocketServer(dir.resolve("run"), body -> Reply.ok("{}"), ready::get, 8);
        server.start();
        return server.socket();
    }

    private static int probe(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "probe";
        System.arraycopy(args, 0, command, 1, args.length);
        return new CommandLine(new ManifoldCommand()).execute(command);
    }

    @Test
    void givenReadyDaemon_whenProbed_thenExitsZero() {
        ready.set(true);
        Path socket = serve();

        assertThat(probe("--socket", socket.toString())).isZero();
    }

    @Test
    void givenUnreadyDaemon_whenProbed_thenExitsOne() {
        Path socket = serve();

        assertThat(probe("--socket", socket.toString())).isEqualTo(1);
    }

    @Test
    void givenUnreadyDaemon_whenProbedForLiveness_thenExitsZero() {
        Path socket = serve();

        assertThat(probe("--socket", socket.toString(), "--liveness")).isZero();
    }

    @Test
    void givenNoSocket_whenProbedForLiveness_thenExitsOne() {
        assertThat(probe("--socket", dir.resolve("absent.sock").toString(), "--liveness")).isEqualTo(1);
    }

    @Test
    @Timeout(10)
    void givenDaemonThatAcceptsButNeverAnswers_whenProbedForLiveness_thenExitsOne() throws IOException {
        Path socket = dir.resolve("hung.sock");
        try (ServerSocketChannel hung = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            hung.bind(UnixDomainSocketAddress.of(socket));

            int exit = probe("--socket", socket.toString(), "--liveness", "--timeout-ms", "300");

            assertThat(exit).isEqualTo(1);
        }
    }

    @Test
    void givenUnreadyDaemon_whenProbedThroughMainsFastPath_thenExitsOne() {
        Path socket = serve();

        int exit = ProbeCommand.parse(new String[] {"--socket", socket.toString()}).orElseThrow().call();

        assertThat(exit).isEqualTo(1);
    }

    @Test
    void givenEveryOption_whenParsedByTheFastPath_thenEachIsTaken() {
        ProbeCommand probe = ProbeCommand.parse(
                new String[] {"--liveness", "--timeout-ms", "750", "--socket", "/host/run/multus/multus.sock"}).orElseThrow();

        assertThat(probe.liveness).isTrue();
        assertThat(probe.timeoutMs).isEqualTo(750);
        assertThat(probe.socket).isEqualTo(Path.of("/host/run/multus/multus.sock"));
    }

    @Test
    void givenNoOption_whenParsedByTheFastPath_thenPicocliDefaultsApply() {
        ProbeCommand fast = ProbeCommand.parse(new String[0]).orElseThrow();
        ProbeCommand picocli = new ProbeCommand();
        new CommandLine(picocli).parseArgs();

        assertThat(fast.socket).isEqualTo(picocli.socket).isEqualTo(Path.of("/run/multus/multus.sock"));
        assertThat(fast.timeoutMs).isEqualTo(picocli.timeoutMs);
        assertThat(fast.liveness).isEqualTo(picocli.liveness).isFalse();
    }

    @Test
    void givenHelpOrAMalformedOption_whenParsedByTheFastPath_thenLeftToPicocli() {
        assertThat(ProbeCommand.parse(new String[] {"--help"})).isEmpty();
        assertThat(ProbeCommand.parse(new String[] {"--timeout-ms", "soon"})).isEmpty();
        assertThat(ProbeCommand.parse(new String[] {"--socket"})).isEmpty();
    }

    @Test
    void givenHttpStatusLine_whenParsed_thenCodeIsRead() throws IOException {
        assertThat(ProbeCommand.statusCode("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n")).isEqualTo(503);
    }

    @Test
    void givenSomethingElseThanHttp_whenParsed_thenFailsQuotingIt() {
        assertThatThrownBy(() -> ProbeCommand.statusCode("SSH-2.0-OpenSSH_9.2\r\n"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("SSH-2.0-OpenSSH_9.2");
    }
}
