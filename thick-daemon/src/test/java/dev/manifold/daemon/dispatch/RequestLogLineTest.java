package dev.manifold.daemon.dispatch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.manifold.daemon.StandaloneNode;
import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one log line per CNI request, as the daemon writes it for real ADDs and DELs. */
@NetnsTest
class RequestLogLineTest {
    @TempDir
    Path dir;

    private final Logger cniLog = (Logger) LoggerFactory.getLogger("manifold.cni");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private StandaloneNode node;

    @BeforeEach
    void startNodeAndCapture() throws Exception {
        node = StandaloneNode.start(dir);
        captured.start();
        cniLog.addAppender(captured);
    }

    @AfterEach
    void stop() {
        cniLog.detachAppender(captured);
        node.close();
    }

    private List<ILoggingEvent> lines() {
        return List.copyOf(captured.list);
    }

    @Test
    void givenSuccessfulAdd_whenLogged_thenOneInfoLineNamesPodContainerInterfaceNetworksAndTime(Netns netns) throws Exception {
        node.cni("ADD", netns, "app", "c0ffee01c0ffee01");

        assertThat(lines()).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.INFO);
            assertThat(line.getFormattedMessage())
                    .matches("ADD team/app c0ffee01c0ff eth0 networks=\\[cluster, team/data] ok \\d+ms");
        });
    }

    @Test
    void givenDel_whenLogged_thenTheLineNamesTheRecordedNetworks(Netns netns) throws Exception {
        node.cni("ADD", netns, "app", "c0ffee01");
        captured.list.clear();

        node.cni("DEL", netns, "app", "c0ffee01");

        assertThat(lines()).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .matches("DEL team/app c0ffee01 eth0 networks=\\[cluster, team/data] ok \\d+ms");
    }

    @Test
    void givenFailingDelegate_whenLogged_thenOneWarningWithTheCodeTheNetworksAndTheError(Netns netns) throws Exception {
        node.cni("ADD", netns, "flaky", "badc0de1");

        assertThat(lines()).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).matches(
                    "ADD team/flaky badc0de1 eth0 networks=\\[cluster, team/flaky] code 11 \\d+ms: network team/flaky \\(net1\\): busy");
        });
    }
}
