package dev.manifold.daemon.autoconf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.delegates.spec.CniVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.manifold.daemon.autoconf.AutoconfFixtures.auto;
import static dev.manifold.daemon.autoconf.AutoconfFixtures.install;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Installing the runtime's config: user-provided file, file mode, atomic rewrites, cleanup on exit. */
class MultusConfInstallerTest {
    @TempDir
    Path tmp;

    private Path netd;
    private Path run;

    @BeforeEach
    void dirs() throws IOException {
        netd = Files.createDirectories(tmp.resolve("net.d"));
        run = tmp.resolve("run");
    }

    @Test
    void givenUserProvidedFile_whenStarted_thenItIsInstalledUnderItsNameInCniConfigDir() throws IOException {
        Path source = install("user-multus.conf", Files.createDirectories(tmp.resolve("etc")), "70-multus.conf");

        try (MultusConfInstaller installer = MultusConfInstaller.of(AutoconfFixtures.config(
                "{\"multusConfigFile\":\"%s\",\"cniConfigDir\":\"%s\"}".formatted(source, netd)))) {
            installer.start();
        }

        assertThat(netd.resolve("70-multus.conf")).hasSameBinaryContentAs(source);
    }

    @Test
    void givenUserProvidedFileThatIsMissing_whenStarted_thenTheFailureNamesTheTarget() {
        MultusConfInstaller installer = MultusConfInstaller.of(AutoconfFixtures.config(
                "{\"multusConfigFile\":\"%s\",\"cniConfigDir\":\"%s\"}".formatted(tmp.resolve("nope.conf"), netd)));

        assertThatThrownBy(installer::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(netd.resolve("nope.conf").toString());
    }

    @Test
    void givenNoMultusConfigFileKey_whenStarted_thenNothingIsWritten() throws IOException {
        install("10-cluster.conflist", netd, "10-cluster.conflist");

        try (MultusConfInstaller installer = MultusConfInstaller.of(AutoconfFixtures.config(
                "{\"cniConfigDir\":\"%s\",\"multusAutoconfigDir\":\"%s\"}".formatted(netd, netd)))) {
            installer.start();
        }

        try (var files = Files.list(netd)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("10-cluster.conflist");
        }
    }

    @Test
    void givenGeneratedFile_whenWritten_thenItsModeIs0644() throws IOException {
        install("10-cluster.conflist", netd, "10-cluster.conflist");

        try (MultusConfInstaller installer = MultusConfInstaller.of(auto(netd, run, ""))) {
            installer.start();
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(netd.resolve("00-multus.conf"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void givenCleanupConfigOnExit_whenClosed_thenTheFileIsRemoved() {
        install("10-cluster.conflist", netd, "10-cluster.conflist");
        MultusConfInstaller installer = MultusConfInstaller.of(auto(netd, run, "\"cleanupConfigOnExit\":true"));
        installer.start();

        installer.close();

        assertThat(netd.resolve("00-multus.conf")).doesNotExist();
    }

    @Test
    void givenDefaultCleanup_whenClosed_thenTheFileStays() {
        install("10-cluster.conflist", netd, "10-cluster.conflist");
        MultusConfInstaller installer = MultusConfInstaller.of(auto(netd, run, ""));
        installer.start();

        installer.close();

        assertThat(netd.resolve("00-multus.conf")).exists();
    }

    @Test
    void givenReaderLooping_whenFiftyRegenerations_thenItNeverSeesAPartialFile() throws Exception {
        Path cluster = install("10-cluster.conflist", netd, "10-cluster.conflist");
        Path target = netd.resolve("00-multus.conf");
        AutoConf autoConf = new AutoConf(netd, target, new MultusConf(Optional.empty(), "manifold-shim", run),
                Set.of("manifold-shim"), Duration.ofMillis(200));
        autoConf.start();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        CompletableFuture<Integer> badReads = CompletableFuture.supplyAsync(() -> readUntil(target, done, reads));

        for (int i = 0; i < 50; i++) {
            String version = i % 2 == 0 ? "1.0.0" : "0.4.0";
            AutoconfFixtures.writeAtomically(cluster, AutoconfFixtures.text("10-cluster.conflist")
                    .replace("\"cniVersion\": \"0.4.0\"", "\"cniVersion\": \"" + version + "\""));
            autoConf.regenerate();
            assertThat(AutoconfFixtures.json(target).path("cniVersion").asText()).isEqualTo(version);
        }
        done.set(true);
        autoConf.close();

        assertThat(badReads.get()).isZero();
        assertThat(reads.get()).isGreaterThan(50);
    }

    @Test
    void givenChosenConfigCaughtHalfWritten_whenRegenerated_thenTheFileIsKept() throws IOException {
        Path cluster = install("10-cluster.conflist", netd, "10-cluster.conflist");
        install("20-other.conf", netd, "20-other.conf");
        Path target = netd.resolve("00-multus.conf");
        AutoConf autoConf = new AutoConf(netd, target, new MultusConf(Optional.of(CniVersion.V1_0_0), "manifold-shim", run),
                Set.of("manifold-shim"), Duration.ofMillis(200));
        autoConf.start();
        byte[] before = Files.readAllBytes(target);

        Files.writeString(cluster, AutoconfFixtures.text("10-cluster.conflist").substring(0, 40));
        autoConf.regenerate();
        autoConf.close();

        assertThat(Files.readAllBytes(target)).isEqualTo(before);
    }

    /** Reads and parses {@code file} until {@code done}; returns how many reads failed. */
    private static int readUntil(Path file, AtomicBoolean done, AtomicInteger reads) {
        int bad = 0;
        while (!done.get()) {
            try {
                JsonNode conf = AutoconfFixtures.JSON.readTree(Files.readAllBytes(file));
                if (!conf.hasNonNull("clusterNetwork")) {
                    bad++;
                }
            } catch (IOException e) {
                bad++;
            }
            reads.incrementAndGet();
        }
        return bad;
    }

    @Test
    void givenSocketDirInsideChrootDir_whenGenerated_thenTheShimIsToldThePathOnTheHost() throws IOException {
        install("10-cluster.conflist", netd, "10-cluster.conflist");
        DaemonConfig config = AutoconfFixtures.config("""
                {"multusConfigFile":"auto","cniConfigDir":"%1$s","multusAutoconfigDir":"%1$s",
                 "chrootDir":"/hostroot","socketDir":"/hostroot/run/multus"}""".formatted(netd));

        try (MultusConfInstaller installer = MultusConfInstaller.of(config)) {
            installer.start();
        }

        assertThat(AutoconfFixtures.json(netd.resolve("00-multus.conf")).path("daemonSocketDir").asText()).isEqualTo("/run/multus");
        assertThat(MultusConfInstaller.socketDirOnHost(AutoconfFixtures.config("{\"chrootDir\":\"/hostroot\",\"socketDir\":\"/run/multus\"}")))
                .isEqualTo(Path.of("/run/multus"));
    }
}
