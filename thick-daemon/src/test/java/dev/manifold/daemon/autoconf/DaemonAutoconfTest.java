package dev.manifold.daemon.autoconf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.Daemon;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.source.InMemorySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static dev.manifold.daemon.autoconf.AutoconfFixtures.install;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generated file and the daemon's lifecycle: written only behind a serving socket, removed on close if asked. */
class DaemonAutoconfTest {
    @TempDir
    Path tmp;

    private Daemon daemon(Path socketDir, Path netd, boolean cleanup) throws IOException {
        ObjectNode raw = (ObjectNode) AutoconfFixtures.JSON.readTree("""
                {"socketDir":"%s","cniDir":"%s","multusConfigFile":"auto","multusAutoconfigDir":"%s","cniConfigDir":"%s",
                 "cleanupConfigOnExit":%s}""".formatted(socketDir, tmp.resolve("cache"), netd, netd, cleanup));
        return new Daemon(ConfigParser.parse(raw, k -> { }), raw, new InMemorySource());
    }

    @Test
    void givenSocketThatCannotBeServed_whenStarted_thenNoConfIsWritten() throws IOException {
        Path netd = Files.createDirectories(tmp.resolve("net.d"));
        install("10-cluster.conflist", netd, "10-cluster.conflist");
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwx---"));

        try (Daemon daemon = daemon(shared, netd, false)) {
            assertThatThrownBy(daemon::start).hasMessageContaining("writable by group or others");
        }

        assertThat(netd.resolve("00-multus.conf")).doesNotExist();
    }

    @Test
    void givenCleanupConfigOnExit_whenTheDaemonCloses_thenTheConfIsRemoved() throws IOException {
        Path netd = Files.createDirectories(tmp.resolve("net.d"));
        install("10-cluster.conflist", netd, "10-cluster.conflist");
        Daemon daemon = daemon(tmp.resolve("run"), netd, true);
        daemon.start();
        assertThat(netd.resolve("00-multus.conf")).exists();

        daemon.close();

        assertThat(netd.resolve("00-multus.conf")).doesNotExist();
    }
}
