package dev.manifold.daemon.autoconf;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.manifold.daemon.autoconf.AutoconfFixtures.auto;
import static dev.manifold.daemon.autoconf.AutoconfFixtures.clusterNetworkOf;
import static dev.manifold.daemon.autoconf.AutoconfFixtures.install;
import static dev.manifold.daemon.autoconf.AutoconfFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code multusConfigFile: auto} at start: which config becomes the cluster network, and what is written. */
class ClusterNetworkChoiceTest {
    @TempDir
    Path tmp;

    private Path netd;
    private Path run;
    private MultusConfInstaller installer;

    @BeforeEach
    void dirs() throws IOException {
        netd = Files.createDirectories(tmp.resolve("net.d"));
        run = tmp.resolve("run");
    }

    @AfterEach
    void stop() {
        if (installer != null) {
            installer.close();
        }
    }

    private Path start(String extraKeys) {
        installer = MultusConfInstaller.of(auto(netd, run, extraKeys));
        installer.start();
        return netd.resolve("00-multus.conf");
    }

    @Test
    void givenClusterConflist_whenStarted_thenGeneratedFileMatchesTheGoldenFile() throws IOException {
        install("10-cluster.conflist", netd, "10-cluster.conflist");

        Path generated = start("");

        assertThat(Files.readString(generated)).isEqualTo(AutoconfFixtures.text("expected-00-multus.conf")
                .replace("${AUTOCONFIG_DIR}", netd.toString()).replace("${SOCKET_DIR}", run.toString()));
    }

    @Test
    void givenTwoConfigs_whenStarted_thenTheAlphabeticallyFirstIsTheClusterNetwork() {
        install("10-cluster.conflist", netd, "10-cluster.conflist");
        install("20-other.conf", netd, "05-other.conf");

        Path generated = start("");

        assertThat(clusterNetworkOf(generated)).isEqualTo(netd.resolve("05-other.conf").toString());
        assertThat(json(generated).path("cniVersion").asText()).isEqualTo("1.0.0");
        assertThat(json(generated).path("capabilities").properties()).extracting(e -> e.getKey()).containsExactly("ips");
    }

    @Test
    void givenCniVersionKey_whenStarted_thenItIsTheGeneratedVersion() {
        install("10-cluster.conflist", netd, "10-cluster.conflist");

        Path generated = start("\"cniVersion\":\"1.0.0\"");

        assertThat(json(generated).path("cniVersion").asText()).isEqualTo("1.0.0");
    }

    @Test
    void givenShimTypeKey_whenStarted_thenItIsTheGeneratedType() {
        install("10-cluster.conflist", netd, "10-cluster.conflist");

        Path generated = start("\"shimType\":\"multus-shim\"");

        assertThat(json(generated).path("type").asText()).isEqualTo("multus-shim");
    }

    @Test
    void givenOwnFileLeftFromAnEarlierRun_whenStarted_thenItIsNeverTheClusterNetwork() throws IOException {
        // A usable config under Manifold's own name, sorting first: still not a candidate.
        Files.writeString(netd.resolve("00-multus.conf"), AutoconfFixtures.text("20-other.conf"));
        install("10-cluster.conflist", netd, "10-cluster.conflist");

        Path generated = start("");

        assertThat(clusterNetworkOf(generated)).isEqualTo(netd.resolve("10-cluster.conflist").toString());
    }

    @Test
    void givenOwnFileUnderAnotherName_whenStarted_thenThatNameIsNeverTheClusterNetwork() throws IOException {
        Files.writeString(netd.resolve("00-manifold.conf"), AutoconfFixtures.text("20-other.conf"));
        install("10-cluster.conflist", netd, "10-cluster.conflist");

        start("\"multusConfigFileName\":\"00-manifold.conf\"");

        assertThat(clusterNetworkOf(netd.resolve("00-manifold.conf"))).isEqualTo(netd.resolve("10-cluster.conflist").toString());
    }

    @Test
    void givenMultusThickConfLeftBehind_whenStarted_thenItIsPassedOver() {
        install("multus-thick-00-multus.conf", netd, "00-multus-old.conf");
        install("10-cluster.conflist", netd, "10-cluster.conflist");

        Path generated = start("");

        assertThat(clusterNetworkOf(generated)).isEqualTo(netd.resolve("10-cluster.conflist").toString());
    }

    @Test
    void givenUnparseableFirstConfig_whenStarted_thenTheNextIsTheClusterNetwork() throws IOException {
        Files.writeString(netd.resolve("05-broken.conf"), "{\"cniVersion\": \"1.0.0\", \"name\": ");
        install("10-cluster.conflist", netd, "10-cluster.conflist");

        Path generated = start("");

        assertThat(clusterNetworkOf(generated)).isEqualTo(netd.resolve("10-cluster.conflist").toString());
    }

    @Test
    void givenFilesRuntimesIgnore_whenStarted_thenTheyAreNotCandidates() throws IOException {
        install("20-other.conf", netd, "01-other.conf.bak");
        install("20-other.conf", netd, ".02-other.conf");
        install("10-cluster.conflist", netd, "10-cluster.conflist");

        Path generated = start("");

        assertThat(clusterNetworkOf(generated)).isEqualTo(netd.resolve("10-cluster.conflist").toString());
    }

    @Test
    void givenNoClusterConfig_whenStarted_thenNothingIsWritten() {
        Path generated = start("");

        assertThat(generated).doesNotExist();
    }

    @Test
    void givenSeparateCniConfigDir_whenStarted_thenFileIsWrittenThereNamingTheAutoconfigDirsConfig() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        install("10-cluster.conflist", netd, "10-cluster.conflist");
        installer = MultusConfInstaller.of(AutoconfFixtures.config("""
                {"multusConfigFile":"auto","multusAutoconfigDir":"%s","cniConfigDir":"%s","socketDir":"%s"}"""
                .formatted(netd, out, run)));

        installer.start();

        assertThat(clusterNetworkOf(out.resolve("00-multus.conf"))).isEqualTo(netd.resolve("10-cluster.conflist").toString());
        assertThat(netd.resolve("00-multus.conf")).doesNotExist();
    }
}
