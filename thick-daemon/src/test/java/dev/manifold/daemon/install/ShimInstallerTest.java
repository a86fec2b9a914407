package dev.manifold.daemon.install;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShimInstallerTest {
    @TempDir
    Path temp;

    private Path binDir;
    private FakeBundles bundles;
    private ShimInstaller installer;

    @BeforeEach
    void setUp() throws Exception {
        binDir = Files.createDirectory(temp.resolve("bin"));
        bundles = new FakeBundles(Files.createDirectory(temp.resolve("bundles")));
        installer = installer("manifold-shim");
    }

    private ShimInstaller installer(String name) {
        return new ShimInstaller(binDir, name, new ShimProbe(Duration.ofSeconds(30)));
    }

    private List<String> storeEntries() throws Exception {
        try (Stream<Path> entries = Files.list(binDir.resolve(".manifold"))) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void givenEmptyBinDir_whenInstalled_thenLauncherRunsTheBundle() throws Exception {
        installer.install(bundles.bundle("a"));

        assertThat(FakeBundles.run(binDir.resolve("manifold-shim")).answeredBy("a")).isTrue();
    }

    @Test
    void givenEmptyBinDir_whenInstalled_thenLinksAreRelative() throws Exception {
        InstallOutcome outcome = installer.install(bundles.bundle("a"));

        assertThat(Files.readSymbolicLink(binDir.resolve("manifold-shim")))
                .isEqualTo(Path.of(".manifold/current/manifold-shim"));
        assertThat(Files.readSymbolicLink(binDir.resolve(".manifold/current"))).isEqualTo(Path.of(outcome.bundleId()));
    }

    @Test
    void givenInstalledBundle_whenBinDirIsMountedElsewhere_thenLauncherStillRuns() throws Exception {
        installer.install(bundles.bundle("a"));

        Path moved = Files.move(binDir, temp.resolve("host-bin"));

        assertThat(FakeBundles.run(moved.resolve("manifold-shim")).answeredBy("a")).isTrue();
    }

    @Test
    void givenInstalledBundle_whenInstalledAgain_thenNothingChanges() throws Exception {
        Path a = bundles.bundle("a");
        InstallOutcome first = installer.install(a);
        Path current = binDir.resolve(".manifold/current");
        Object currentInode = FakeBundles.inode(current);
        Object launcherInode = FakeBundles.inode(binDir.resolve("manifold-shim"));
        var currentMtime = Files.getLastModifiedTime(current, java.nio.file.LinkOption.NOFOLLOW_LINKS);

        InstallOutcome second = installer.install(a);

        assertThat(second).isEqualTo(new InstallOutcome.Unchanged(first.bundleId(), "a", binDir.resolve("manifold-shim")));
        assertThat(FakeBundles.inode(current)).isEqualTo(currentInode);
        assertThat(Files.getLastModifiedTime(current, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isEqualTo(currentMtime);
        assertThat(FakeBundles.inode(binDir.resolve("manifold-shim"))).isEqualTo(launcherInode);
    }

    @Test
    void givenInstalledBundle_whenOtherBundleInstalled_thenLauncherRunsTheOther() throws Exception {
        InstallOutcome first = installer.install(bundles.bundle("a"));

        InstallOutcome second = installer.install(bundles.bundle("b"));

        assertThat(second).isInstanceOfSatisfying(InstallOutcome.Installed.class,
                installed -> assertThat(installed.replaced()).contains(first.bundleId()));
        assertThat(FakeBundles.run(binDir.resolve("manifold-shim")).answeredBy("b")).isTrue();
    }

    @Test
    void givenThreeInstalls_whenDone_thenOnlyCurrentAndPreviousBundlesRemain() throws Exception {
        installer.install(bundles.bundle("a"));
        InstallOutcome b = installer.install(bundles.bundle("b"));

        InstallOutcome c = installer.install(bundles.bundle("c"));

        assertThat(storeEntries()).containsExactlyInAnyOrder(".lock", "current", b.bundleId(), c.bundleId());
    }

    @Test
    void givenPreviousBundleKept_whenInstalledAgain_thenItIsReusedWithoutCopying() throws Exception {
        Path a = bundles.bundle("a");
        InstallOutcome first = installer.install(a);
        Object inode = FakeBundles.inode(binDir.resolve(".manifold").resolve(first.bundleId()));
        installer.install(bundles.bundle("b"));

        installer.install(a);

        assertThat(FakeBundles.inode(binDir.resolve(".manifold").resolve(first.bundleId()))).isEqualTo(inode);
        assertThat(FakeBundles.run(binDir.resolve("manifold-shim")).answeredBy("a")).isTrue();
    }

    @Test
    void givenBundleWithoutRuntime_whenInstalled_thenRefusedAndOldInstallStillRuns() throws Exception {
        installer.install(bundles.bundle("a"));
        Path broken = bundles.bundle("broken");
        Files.delete(broken.resolve("runtime/bin/java"));

        assertThatThrownBy(() -> installer.install(broken))
                .isInstanceOf(InstallException.class)
                .hasMessageContaining("not a complete shim bundle")
                .hasMessageContaining("runtime/bin/java");
        assertThat(FakeBundles.run(binDir.resolve("manifold-shim")).answeredBy("a")).isTrue();
    }

    @Test
    void givenBundleThatDoesNotRun_whenInstalled_thenRefusedAndNothingIsLeftBehind() throws Exception {
        InstallOutcome first = installer.install(bundles.bundle("a"));
        Path failing = bundles.bundle("failing");
        Files.writeString(failing.resolve("runtime/bin/java"), "#!/bin/sh\necho 'cannot execute binary file' >&2\nexit 126\n");

        assertThatThrownBy(() -> installer.install(failing))
                .isInstanceOf(InstallException.class)
                .hasMessageContaining("does not run")
                .hasMessageContaining("cannot execute binary file");
        assertThat(storeEntries()).containsExactlyInAnyOrder(".lock", "current", first.bundleId());
        assertThat(FakeBundles.run(binDir.resolve("manifold-shim")).answeredBy("a")).isTrue();
    }

    @Test
    void givenNameMultusShim_whenInstalled_thenMultusShimRunsTheBundle() throws Exception {
        installer("multus-shim").install(bundles.bundle("a"));

        assertThat(FakeBundles.run(binDir.resolve("multus-shim")).answeredBy("a")).isTrue();
        assertThat(binDir.resolve("manifold-shim")).doesNotExist();
    }

    @Test
    void givenOldShimBinaryUnderTheName_whenInstalled_thenItIsReplaced() throws Exception {
        Files.writeString(binDir.resolve("multus-shim"), "#!/bin/sh\necho old multus shim\n");

        installer("multus-shim").install(bundles.bundle("a"));

        assertThat(FakeBundles.run(binDir.resolve("multus-shim")).answeredBy("a")).isTrue();
    }

    @Test
    void givenNameWithPath_whenInstallerCreated_thenRefused() {
        assertThatThrownBy(() -> installer("../evil"))
                .isInstanceOf(InstallException.class)
                .hasMessageContaining("--name");
    }

    @Test
    void givenLeftoversOfCrashedInstall_whenInstalled_thenTheyAreRemoved() throws Exception {
        installer.install(bundles.bundle("a"));
        Path store = binDir.resolve(".manifold");
        Files.createDirectories(store.resolve(".staging-0123456789abcdef-x/runtime"));
        Files.createDirectories(store.resolve(".trash-y/lib"));
        Files.createSymbolicLink(store.resolve(".current.z.tmp"), Path.of("nowhere"));
        Files.createSymbolicLink(binDir.resolve(".manifold-shim.z.tmp"), Path.of("nowhere"));

        InstallOutcome b = installer.install(bundles.bundle("b"));

        assertThat(storeEntries()).doesNotContain(".staging-0123456789abcdef-x", ".trash-y", ".current.z.tmp")
                .contains(b.bundleId());
        assertThat(binDir.resolve(".manifold-shim.z.tmp")).doesNotExist();
    }

    @Test
    void givenWatcherInATightLoop_whenInstallsFlipBetweenTwoBundles_thenTheLauncherNeverGoesMissing() throws Exception {
        Path a = bundles.bundle("a");
        Path b = bundles.bundle("b");
        installer.install(a);
        Path launcher = binDir.resolve("manifold-shim");

        // stat() through both symlinks takes microseconds: a delete-then-create switch of either
        // link would leave a gap this loop sees, where a loop of process runs would likely miss it.
        CompletableFuture<Void> installs = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= 20; i++) {
                installer.install(i % 2 == 1 ? b : a);
            }
        });
        long looks = 0;
        long missing = 0;
        while (!installs.isDone()) {
            looks++;
            if (!Files.isExecutable(launcher)) {
                missing++;
            }
        }
        installs.get(60, TimeUnit.SECONDS);

        assertThat(missing).as("launcher missing in %d of %d looks", missing, looks).isZero();
    }

    @Test
    void givenRunsInALoop_whenInstallsFlipBetweenTwoBundles_thenEveryRunSucceeds() throws Exception {
        Path a = bundles.bundle("a");
        Path b = bundles.bundle("b");
        installer.install(a);
        Path launcher = binDir.resolve("manifold-shim");

        CompletableFuture<Void> installs = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= 20; i++) {
                installer.install(i % 2 == 1 ? b : a);
            }
        });
        List<String> failures = new ArrayList<>();
        int runs = 0;
        while (runs < 200 && (runs < 20 || !installs.isDone())) {
            FakeBundles.Run run = FakeBundles.run(launcher);
            if (!run.answeredBy("a") && !run.answeredBy("b")) {
                failures.add(run.toString());
            }
            runs++;
        }
        installs.get(60, TimeUnit.SECONDS);

        assertThat(failures).isEmpty();
    }
}
