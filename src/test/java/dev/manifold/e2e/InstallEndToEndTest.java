package dev.manifold.e2e;

import dev.manifold.daemon.install.InstallOutcome;
import dev.manifold.daemon.install.ShimInstaller;
import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code manifold install} with the real shim bundle the shim module's build makes
 * ({@code shim/<build dir>/bundle}: jlink'd runtime, AOT cache, launcher), and the installed shim
 * run the way a runtime on a host without any JDK would run it: a PATH with no {@code java} on it,
 * no {@code JAVA_HOME}, no {@code MANIFOLD_JAVA}.
 */
class InstallEndToEndTest {
    private static final Path BUNDLE = Launchers.ROOT.resolve("shim")
            .resolve(System.getenv().getOrDefault("MANIFOLD_BUILD_DIR", "target")).resolve("bundle");

    @TempDir
    Path temp;

    private Path binDir;
    /** A PATH directory holding only the tools the launcher uses; no java. */
    private Path hostPath;

    @BeforeEach
    void setUp() throws IOException {
        binDir = Files.createDirectory(temp.resolve("bin"));
        hostPath = Files.createDirectory(temp.resolve("host-path"));
        for (String tool : List.of("readlink", "sed")) {
            Path real = Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool)).filter(Files::isExecutable)
                    .findFirst().orElseThrow();
            Files.copy(real, hostPath.resolve(tool), StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** Runs an installed shim with exactly {@code env}, a java-less PATH and nothing else. */
    private ProcessResult runShim(Path launcher, Map<String, String> env, String stdin) {
        Map<String, String> all = new HashMap<>(env);
        all.put("PATH", hostPath.toString());
        return Launchers.run(List.of(launcher.toString()), all, stdin);
    }

    private ProcessResult version(Path launcher) {
        return runShim(launcher, Map.of("CNI_COMMAND", "VERSION"), "{\"cniVersion\":\"1.0.0\"}");
    }

    private ProcessResult manifoldInstall(String... args) {
        List<String> argv = new ArrayList<>(List.of(Launchers.manifold().toString(), "install"));
        argv.addAll(List.of(args));
        return Launchers.run(argv, Map.of(), "");
    }

    @Test
    void givenInstalledShim_whenVersionOnAHostWithoutJava_thenItAnswers() {
        new ShimInstaller(binDir, "manifold-shim").install(BUNDLE);

        ProcessResult version = version(binDir.resolve("manifold-shim"));

        assertThat(version.exit()).as(version.toString()).isZero();
        assertThat(version.json().path("cniVersion").asText()).isEqualTo("1.0.0");
        assertThat(version.json().path("supportedVersions").toString()).contains("\"1.1.0\"");
    }

    @Test
    void givenInstalledShim_whenAddAndNoDaemonListens_thenCode11() {
        new ShimInstaller(binDir, "manifold-shim").install(BUNDLE);
        String conf = "{\"cniVersion\":\"1.0.0\",\"name\":\"multus-cni-network\",\"type\":\"manifold-shim\","
                + "\"daemonSocketDir\":\"" + temp.resolve("no-daemon") + "\"}";

        ProcessResult add = runShim(binDir.resolve("manifold-shim"), Map.of("CNI_COMMAND", "ADD",
                "CNI_CONTAINERID", "c0ffee02", "CNI_NETNS", "/var/run/netns/none", "CNI_IFNAME", "eth0",
                "CNI_PATH", "/opt/cni/bin", "MANIFOLD_SHIM_RETRY_SECONDS", "0"), conf);

        assertThat(add.exit()).as(add.toString()).isEqualTo(1);
        assertThat(add.json().path("code").asInt()).isEqualTo(11);
        assertThat(add.json().path("msg").asText()).contains("no-daemon/multus.sock");
    }

    @Test
    void givenInstalledShim_whenItsAotCacheIsRequired_thenTheCacheLoads() {
        new ShimInstaller(binDir, "manifold-shim").install(BUNDLE);

        // AOTMode=on turns "cache unusable" from a silent slow start into a failed start.
        ProcessResult version = runShim(binDir.resolve("manifold-shim"),
                Map.of("CNI_COMMAND", "VERSION", "JDK_JAVA_OPTIONS", "-XX:AOTMode=on"), "{}");

        assertThat(version.exit()).as(version.toString()).isZero();
    }

    @Test
    void givenNodeWithHugeMemory_whenShimStarts_thenItsAotCacheStillLoads() {
        new ShimInstaller(binDir, "manifold-shim").install(BUNDLE);

        // MaxRAM=512g makes the default heap 128 GiB: too big for compressed oops, which the cache
        // (made on a small build machine) was created with. The launcher's -Xmx must win.
        ProcessResult version = runShim(binDir.resolve("manifold-shim"), Map.of("CNI_COMMAND", "VERSION",
                "JDK_JAVA_OPTIONS", "-XX:AOTMode=on -XX:MaxRAM=512g"), "{}");

        assertThat(version.exit()).as(version.toString()).isZero();
    }

    @Test
    @NetnsTest
    void givenInstalledShim_whenAddForAPod_thenTheDaemonAttachesIt(Netns netns) {
        new ShimInstaller(binDir, "manifold-shim").install(BUNDLE);
        try (Node node = new Node()) {
            String uid = UUID.randomUUID().toString();
            node.pod("team", "app", uid, Map.of());
            node.start();
            Map<String, String> env = Map.of("CNI_CONTAINERID", "c0ffee03", "CNI_NETNS", netns.path().toString(),
                    "CNI_IFNAME", "eth0", "CNI_PATH", "/opt/cni/bin",
                    "CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=team;K8S_POD_NAME=app;K8S_POD_UID=" + uid);

            ProcessResult add = runShim(binDir.resolve("manifold-shim"), with(env, "ADD"), node.multusConf("1.0.0"));

            assertThat(add.exit()).as(add.toString()).isZero();
            assertThat(add.json().path("ips").get(0).path("address").asText()).startsWith("10.210.");
            ProcessResult del = runShim(binDir.resolve("manifold-shim"), with(env, "DEL"), node.multusConf("1.0.0"));
            assertThat(del.exit()).as(del.toString()).isZero();
        }
    }

    private static Map<String, String> with(Map<String, String> env, String command) {
        Map<String, String> all = new HashMap<>(env);
        all.put("CNI_COMMAND", command);
        return all;
    }

    @Test
    void givenManifoldInstallAsMultusShim_whenRunTwice_thenTheSecondChangesNothing() {
        ProcessResult first = manifoldInstall("--bin-dir", binDir.toString(), "--name", "multus-shim");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.stdout()).contains("installed manifold-shim");

        ProcessResult second = manifoldInstall("--bin-dir", binDir.toString(), "--name", "multus-shim");

        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.stdout()).contains("nothing changed");
        assertThat(version(binDir.resolve("multus-shim")).exit()).isZero();
    }

    @Test
    void givenBundleWithoutRuntime_whenManifoldInstall_thenRefusedAndTheOldShimStillRuns() throws IOException {
        new ShimInstaller(binDir, "manifold-shim").install(BUNDLE);
        Path broken = copy(BUNDLE, temp.resolve("broken"));
        deleteTree(broken.resolve("runtime"));

        ProcessResult install = manifoldInstall("--bin-dir", binDir.toString(), "--from", broken.toString());

        assertThat(install.exit()).as(install.toString()).isEqualTo(1);
        assertThat(install.stderr()).contains("not a complete shim bundle").contains("runtime/");
        assertThat(version(binDir.resolve("manifold-shim")).exit()).isZero();
    }

    @Test
    void givenShimRunsInALoop_whenInstallsFlipBetweenTwoBundles_thenEveryRunSucceeds() throws Exception {
        Path other = copy(BUNDLE, temp.resolve("other"));
        Files.writeString(other.resolve("BUNDLE"), "manifold-shim (a second build)\n");
        ShimInstaller installer = new ShimInstaller(binDir, "manifold-shim");
        installer.install(BUNDLE);

        CompletableFuture<List<InstallOutcome>> installs = CompletableFuture.supplyAsync(() -> {
            List<InstallOutcome> outcomes = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                outcomes.add(installer.install(i % 2 == 1 ? other : BUNDLE));
            }
            return outcomes;
        });
        List<String> failures = new ArrayList<>();
        int runs = 0;
        while (runs < 200 && (runs < 20 || !installs.isDone())) {
            ProcessResult version = version(binDir.resolve("manifold-shim"));
            if (version.exit() != 0 || !version.stdout().contains("supportedVersions")) {
                failures.add(version.toString());
            }
            runs++;
        }

        assertThat(installs.get(5, TimeUnit.MINUTES)).allMatch(InstallOutcome.Installed.class::isInstance);
        assertThat(failures).as("failed runs out of " + runs).isEmpty();
    }

    /** A copy keeping modes and times (as a container image layer would). */
    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.sorted().toList()) {
                Files.copy(source, to.resolve(from.relativize(source).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
        }
        return to;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
