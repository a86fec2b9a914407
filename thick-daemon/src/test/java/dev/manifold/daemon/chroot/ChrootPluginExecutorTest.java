package dev.manifold.daemon.chroot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.exec.ExecOutput;
import dev.manifold.delegates.exec.PluginCall;
import dev.manifold.delegates.invoke.DelegateInvoker;
import dev.manifold.delegates.spec.CniArgs;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.testkit.CniPlugins;
import dev.manifold.testkit.Commands;
import dev.manifold.testkit.FakePlugins;
import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChrootPluginExecutorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private final String bridge = "mfch" + HexFormat.of().toHexDigits(RANDOM.nextInt()).substring(0, 6);

    @AfterEach
    void deleteBridge() {
        Commands.succeeds("ip", "link", "del", bridge);
    }

    @Test
    @NetnsTest
    void givenRootSlash_whenBridgeAdd_thenTheInterfaceIsInTheNamespace(Netns netns) throws IOException {
        ChrootPluginExecutor chroot = new ChrootPluginExecutor(Path.of("/"));
        DelegateInvoker invoker = new DelegateInvoker(chroot.locator(List.of(CniPlugins.DIR)), chroot, TIMEOUT);
        NetConfList list = NetConfList.parse(fixture("bridge.conflist"));
        PluginCall call = new PluginCall("mfchroot" + bridge, Optional.of(netns.path().toString()), "eth0", CniArgs.empty());

        invoker.add(list, call, RuntimeConfig.empty());

        assertThat(netns.ipv4Addresses("eth0")).singleElement().asString().startsWith("10.231.");
        invoker.del(list, call, RuntimeConfig.empty(), Optional.empty());
        invoker.del(list, call, RuntimeConfig.empty(), Optional.empty());
        assertThat(netns.linkNames()).containsExactly("lo");
    }

    @Test
    @NetnsTest
    void givenRootSlash_whenExecute_thenThePluginSeesExactlyTheRequestEnvironment() {
        Path plugin = FakePlugins.install(tmp.resolve("bin"), "echo-env");
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "CNI_COMMAND", "ADD", "CNI_IFNAME", "net1");

        ExecOutput out = new ChrootPluginExecutor(Path.of("/")).execute(plugin, env, "{}".getBytes(StandardCharsets.UTF_8), TIMEOUT);

        assertThat(out.exitCode()).isZero();
        assertThat(environment(out)).isEqualTo(env);
    }

    @Test
    @NetnsTest
    void givenRootWithACopiedBridge_whenVersion_thenItAnswersFromInsideTheRoot() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        MiniRoot.install(root, CniPlugins.DIR.resolve("bridge"), Path.of("/opt/cni/bin/bridge"));
        ChrootPluginExecutor chroot = new ChrootPluginExecutor(root);
        Path located = chroot.locator(List.of(Path.of("/opt/cni/bin"))).locate("bridge");

        ExecOutput out = chroot.execute(located, Map.of("CNI_COMMAND", "VERSION"),
                "{\"cniVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8), TIMEOUT);

        assertThat(out.exitCode()).isZero();
        JsonNode versions = JSON.readTree(out.stdout());
        assertThat(versions.path("supportedVersions")).extracting(JsonNode::asText).contains("1.0.0");
    }

    @Test
    void givenPluginOnlyOutsideTheRoot_whenLocated_thenItIsNotFound() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root/usr/lib/cni")).getParent().getParent().getParent();
        ChrootPluginExecutor chroot = new ChrootPluginExecutor(root);

        // /usr/lib/cni/macvlan exists on the host, not in the root.
        assertThatThrownBy(() -> chroot.locator(List.of(CniPlugins.DIR)).locate("macvlan"))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(7);
                    assertThat(e.msg()).isEqualTo("plugin \"macvlan\" not found in [/usr/lib/cni] under " + root);
                });
    }

    @Test
    void givenPluginUnderTheRoot_whenMapped_thenItIsItsPathInsideTheRoot() {
        ChrootPluginExecutor chroot = new ChrootPluginExecutor(tmp);

        assertThat(chroot.insideRoot(tmp.resolve("opt/cni/bin/bridge"))).isEqualTo(Path.of("/opt/cni/bin/bridge"));
    }

    @Test
    void givenPluginOutsideTheRoot_whenExecute_thenCode999() throws IOException {
        ChrootPluginExecutor chroot = new ChrootPluginExecutor(Files.createDirectories(tmp.resolve("root")));

        assertThatThrownBy(() -> chroot.execute(CniPlugins.DIR.resolve("bridge"), Map.of(), new byte[0], TIMEOUT))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.code()).isEqualTo(999));
    }

    @Test
    void givenChrootDirThatIsNotADirectory_whenCreated_thenRefusedNamingIt() {
        Path missing = tmp.resolve("nope");

        assertThatThrownBy(() -> new ChrootPluginExecutor(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }

    private byte[] fixture(String name) throws IOException {
        try (var in = getClass().getResourceAsStream("/fixtures/chroot/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${BRIDGE}", bridge)
                    .replace("${OCTET}", Integer.toString(RANDOM.nextInt(250)))
                    .replace("${DATA_DIR}", tmp.resolve("ipam").toString())
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> environment(ExecOutput out) {
        return new String(out.stderr(), StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty())
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }
}
