package dev.manifold.e2e;

import dev.manifold.testkit.Commands;
import dev.manifold.testkit.NetnsTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The main job, {@code bin/manifold demo}, as a user runs it — to the end, and interrupted. */
@NetnsTest
class DemoEndToEndTest {
    private static boolean demoLeftovers() {
        return Commands.run("ip", "netns", "list").contains("manifold-demo-")
                || Commands.run("ip", "-br", "link").contains("mfdemo");
    }

    @Test
    void givenCleanMachine_whenDemoRuns_thenItAttachesDetachesAndLeavesNothing() {
        ProcessResult demo = Launchers.run(List.of(Launchers.manifold().toString(), "demo"), System.getenv(), "");

        assertThat(demo.exit()).as(demo.stderr()).isZero();
        assertThat(demo.stdout())
                .contains("net1@", "net2@", "192.168.77.", "10.77.1.")
                .contains("\"name\" : \"demo/lan\"", "\"name\" : \"demo/data\"")
                .contains("After DEL: IPs held by host-local: demo-cluster=[] lan=[] data=[]; network-status recorded: false")
                .contains("DEL again (idempotent): exit 0");
        assertThat(demoLeftovers()).isFalse();
    }

    @Test
    void givenDemoInterruptedAfterAdd_whenSigint_thenEverythingIsCleanedUp() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Launchers.manifold().toString(), "demo").redirectErrorStream(true);
        Process demo = pb.start();
        AtomicBoolean added = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("==> Interfaces in the pod")) {
                        added.set(true);
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.start();
        Awaitility.await().atMost(Duration.ofSeconds(90)).untilTrue(added);

        Commands.run("kill", "-INT", Long.toString(demo.pid()));

        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(demoLeftovers()).isFalse();
    }
}
