package dev.manifold.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probes of {@code deploy/manifold.yaml}, run as the kubelet runs them (the exact command
 * line, with the image's paths mapped to this build) against a real daemon process.
 */
class DeployedProbeEndToEndTest {
    private static final Path MANIFEST = Launchers.ROOT.resolve("deploy/manifold.yaml");
    private final Node node = new Node();

    @AfterEach
    void close() {
        node.close();
    }

    /** The probe's command of the DaemonSet's daemon container ({@code readinessProbe} …). */
    private static List<String> probe(String which) throws IOException {
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(MANIFEST.toFile())) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                if (doc != null && doc.path("kind").asText().equals("DaemonSet")) {
                    List<String> command = new ArrayList<>();
                    doc.at("/spec/template/spec/containers/0/" + which + "/exec/command").forEach(a -> command.add(a.asText()));
                    return command;
                }
            }
        }
        throw new AssertionError("no DaemonSet in " + MANIFEST);
    }

    /** {@code command} with the image's java, jar and socket replaced by this build's and {@code socket}. */
    private ProcessResult run(List<String> command, Path socket) {
        String buildDir = System.getenv().getOrDefault("MANIFOLD_BUILD_DIR", "target");
        List<String> local = command.stream().map(arg -> switch (arg) {
            case "/opt/manifold/jre/bin/java" -> Path.of(System.getProperty("java.home"), "bin", "java").toString();
            case "/opt/manifold/thick-daemon/target/manifold-daemon.jar" ->
                    Launchers.ROOT.resolve("thick-daemon").resolve(buildDir).resolve("manifold-daemon.jar").toString();
            case "/run/multus/multus.sock" -> socket.toString();
            default -> arg;
        }).toList();
        assertThat(local).as("the probe names no other image path").noneMatch(arg -> arg.startsWith("/opt/manifold/"));
        return Launchers.run(local, Map.of(), "");
    }

    @Test
    void givenRunningDaemon_whenTheReadinessProbeRuns_thenItSucceeds() throws IOException {
        node.start();

        ProcessResult probe = run(probe("readinessProbe"), node.run.resolve("multus.sock"));

        assertThat(probe.exit()).as(probe.toString()).isZero();
    }

    @Test
    void givenRunningDaemon_whenTheLivenessProbeRuns_thenItSucceeds() throws IOException {
        node.start();

        ProcessResult probe = run(probe("livenessProbe"), node.run.resolve("multus.sock"));

        assertThat(probe.exit()).as(probe.toString()).isZero();
    }

    @Test
    void givenNoDaemon_whenTheStartupProbeRuns_thenItFailsNamingTheSocket() throws IOException {
        Path socket = node.run.resolve("multus.sock");

        ProcessResult probe = run(probe("startupProbe"), socket);

        assertThat(probe.exit()).isEqualTo(1);
        assertThat(probe.stderr()).contains("manifold probe: cannot ask " + socket);
    }
}
