package dev.manifold.e2e;

import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whoever can write a NAD chooses its plugin {@code type}; the daemon runs it as root. A type can
 * never name a program outside binDir: not by a path ({@code ../}, absolute), not through a
 * symlink in binDir that points out of it. Each is refused with code 7 naming the type, before
 * anything runs — the program outside (which would leave a marker file) never runs.
 */
@NetnsTest
class PluginTypeEscapeEndToEndTest {
    private Node node;
    private Path marker;

    @BeforeEach
    void nodeWithAProgramOutsideBinDir() throws Exception {
        node = new Node();
        Path outside = Files.createDirectories(node.dir.resolve("outside"));
        marker = node.dir.resolve("escaped");
        Path program = Files.writeString(outside.resolve("evil"), "#!/bin/sh\ntouch " + marker + "\ncat >/dev/null\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path bin = Files.createDirectories(node.dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("linked-out"), program);
        node.daemonConfig().put("binDir", bin + ":/usr/lib/cni");
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside/evil", "../../../../../../bin/sh", "/bin/sh", "outside/evil", "linked-out", "..", "."})
    void givenNadWhoseTypeLeavesBinDir_whenAdd_thenCode7AndNothingRuns(String type, Netns netns) {
        node.nad("team", "esc", "{\"cniVersion\":\"1.0.0\",\"name\":\"esc\",\"type\":\"" + type + "\"}");
        node.pod("team", "app", "u-esc", Map.of("k8s.v1.cni.cncf.io/networks", "esc"));
        node.start();

        ProcessResult add = node.shim("ADD", "escape1", netns.path(), "eth0", "team", "app", "u-esc");

        assertThat(add.exit()).as(add.toString()).isEqualTo(1);
        assertThat(add.json().path("code").asInt()).as(add.toString()).isEqualTo(7);
        assertThat(add.json().path("msg").asText()).contains("team/esc").contains(type);
        assertThat(marker).as("the program outside binDir ran").doesNotExist();
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(node.allocations()).isEmpty();
        assertThat(node.records()).isEmpty();
    }
}
