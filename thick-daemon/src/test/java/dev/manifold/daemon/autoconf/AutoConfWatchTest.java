package dev.manifold.daemon.autoconf;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.manifold.daemon.autoconf.AutoconfFixtures.auto;
import static dev.manifold.daemon.autoconf.AutoconfFixtures.clusterNetworkOf;
import static dev.manifold.daemon.autoconf.AutoconfFixtures.install;
import static dev.manifold.daemon.autoconf.AutoconfFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code multusConfigFile: auto} while the daemon runs: the file follows the autoconfig dir. */
class AutoConfWatchTest {
    @TempDir
    Path tmp;

    private Path netd;
    private Path generated;
    private MultusConfInstaller installer;

    @BeforeEach
    void dirs() throws IOException {
        netd = Files.createDirectories(tmp.resolve("net.d"));
        generated = netd.resolve("00-multus.conf");
    }

    @AfterEach
    void stop() {
        if (installer != null) {
            installer.close();
        }
    }

    private void start(Path autoconfigDir) {
        installer = MultusConfInstaller.of(auto(autoconfigDir, tmp.resolve("run"), ""));
        installer.start();
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20));
    }

    @Test
    void givenRunningGenerator_whenClusterConfigChanges_thenFileIsRegenerated() {
        install("10-cluster.conflist", netd, "10-cluster.conflist");
        start(netd);

        AutoconfFixtures.writeAtomically(netd.resolve("10-cluster.conflist"), AutoconfFixtures.text("10-cluster.conflist")
                .replace("\"bandwidth\": true", "\"bandwidth\": false"));

        await().untilAsserted(() -> assertThat(json(generated).path("capabilities").properties())
                .extracting(e -> e.getKey()).containsExactly("portMappings"));
    }

    @Test
    void givenRunningGenerator_whenClusterConfigIsRewrittenInPlace_thenFileIsRegenerated() throws IOException {
        install("10-cluster.conflist", netd, "10-cluster.conflist");
        start(netd);

        Files.writeString(netd.resolve("10-cluster.conflist"), AutoconfFixtures.text("10-cluster.conflist")
                .replace("\"cniVersion\": \"0.4.0\"", "\"cniVersion\": \"1.0.0\""));

        await().untilAsserted(() -> assertThat(json(generated).path("cniVersion").asText()).isEqualTo("1.0.0"));
    }

    @Test
    void givenRunningGenerator_whenAnEarlierConfigAppears_thenItBecomesTheClusterNetwork() {
        install("10-cluster.conflist", netd, "10-cluster.conflist");
        start(netd);

        install("20-other.conf", netd, "05-other.conf");

        await().until(() -> netd.resolve("05-other.conf").toString().equals(clusterNetworkOf(generated)));
    }

    @Test
    void givenRunningGenerator_whenTheChosenConfigDisappears_thenTheNextIsNamed() throws IOException {
        install("10-cluster.conflist", netd, "10-cluster.conflist");
        install("20-other.conf", netd, "20-other.conf");
        start(netd);

        Files.delete(netd.resolve("10-cluster.conflist"));

        await().until(() -> netd.resolve("20-other.conf").toString().equals(clusterNetworkOf(generated)));
    }

    @Test
    void givenRunningGenerator_whenTheLastConfigDisappears_thenFileIsRemoved() throws IOException {
        install("10-cluster.conflist", netd, "10-cluster.conflist");
        start(netd);

        Files.delete(netd.resolve("10-cluster.conflist"));

        await().until(() -> !Files.exists(generated));
    }

    @Test
    void givenNoClusterConfigAtStart_whenOneAppears_thenFileIsWritten() {
        start(netd);

        install("10-cluster.conflist", netd, "10-cluster.conflist");

        await().until(() -> netd.resolve("10-cluster.conflist").toString().equals(clusterNetworkOf(generated)));
    }

    @Test
    void givenMissingAutoconfigDir_whenItAppearsWithAConfig_thenFileIsWritten() throws IOException {
        Path later = tmp.resolve("later/net.d");
        installer = MultusConfInstaller.of(AutoconfFixtures.config("""
                {"multusConfigFile":"auto","multusAutoconfigDir":"%s","cniConfigDir":"%s","socketDir":"%s"}"""
                .formatted(later, netd, tmp.resolve("run"))));
        installer.start();

        Files.createDirectories(later);
        install("10-cluster.conflist", later, "10-cluster.conflist");

        await().until(() -> later.resolve("10-cluster.conflist").toString().equals(clusterNetworkOf(generated)));
    }

    @Test
    void givenRunningGenerator_whenOwnFileIsDeleted_thenThatEventIsIgnored() throws IOException {
        install("10-cluster.conflist", netd, "10-cluster.conflist");
        start(netd);

        Files.delete(generated);

        // Restored only when the cluster network changes, not by its own deletion.
        Awaitility.await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(generated));
    }
}
