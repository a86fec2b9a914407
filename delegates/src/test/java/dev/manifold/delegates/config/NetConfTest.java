package dev.manifold.delegates.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.result.Dns;
import dev.manifold.delegates.result.Interface;
import dev.manifold.delegates.result.IpConfig;
import dev.manifold.delegates.result.Result1x;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetConfTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void givenUnknownFields_whenWritten_thenBytesEqualTheInput() {
        String original = ConfigFixtures.text("unknown-fields.conf").strip();

        byte[] written = NetConf.parse(original.getBytes(StandardCharsets.UTF_8)).toBytes();

        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(original);
    }

    @Test
    void givenUnknownFields_whenDerived_thenKeyOrderIsKept() {
        NetConf conf = NetConf.parse(ConfigFixtures.bytes("unknown-fields.conf"));

        NetConf derived = conf.withName("other").withCniVersion(CniVersion.V1_1_0);

        assertThat(derived.json().propertyStream().map(e -> e.getKey()).toList()).containsExactly(
                "zeta", "cniVersion", "alpha", "name", "type", "unicode", "empty", "list");
    }

    @Test
    void givenTypeWithPathSeparators_whenParsed_thenTypeIsKeptAsWritten() {
        NetConf conf = NetConf.parse(ConfigFixtures.bytes("unknown-fields.conf"));

        assertThat(conf.type()).isEqualTo("../weird/type");
    }

    @Test
    void givenObjectNode_whenWrapped_thenLaterChangesToTheSourceDoNotLeakIn() throws Exception {
        ObjectNode source = (ObjectNode) tree("{\"type\":\"bridge\",\"name\":\"mfa\"}");
        NetConf conf = NetConf.of(source);

        source.put("name", "changed");

        assertThat(conf.name()).contains("mfa");
    }

    @Test
    void givenConf_whenJsonCopyIsChanged_thenConfIsUnchanged() {
        NetConf conf = NetConf.parse(ConfigFixtures.bytes("macvlan.conf"));

        conf.json().put("type", "bridge");
        ((ObjectNode) conf.ipam().orElseThrow()).put("type", "dhcp");

        assertThat(conf.type()).isEqualTo("macvlan");
        assertThat(conf.ipamType()).contains("static");
    }

    @Test
    void givenConf_whenWithNameAndVersion_thenOriginalIsUnchanged() {
        NetConf conf = NetConf.parse(ConfigFixtures.bytes("macvlan.conf"));

        NetConf derived = conf.withName("mfother").withCniVersion(CniVersion.V1_1_0);

        assertThat(conf.name()).contains("mfmacvlan");
        assertThat(conf.cniVersion()).isEqualTo(CniVersion.V0_4_0);
        assertThat(derived.name()).contains("mfother");
        assertThat(derived.cniVersion()).isEqualTo(CniVersion.V1_1_0);
    }

    @Test
    void givenNoCniVersion_whenRead_thenItIs010() {
        NetConf conf = NetConf.parse("{\"type\":\"bridge\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(conf.cniVersion()).isEqualTo(CniVersion.V0_1_0);
    }

    @Test
    void givenCapabilities_whenRead_thenOnlyTrueOnesCount() {
        NetConf conf = NetConf.parse(ConfigFixtures.bytes("macvlan.conf"));

        assertThat(conf.capabilities()).containsExactly("ips", "mac");
    }

    @Test
    void givenRuntimeConfig_whenInjected_thenOnlyDeclaredCapabilitiesArePassed() throws Exception {
        NetConf conf = NetConf.parse(ConfigFixtures.bytes("macvlan.conf"));
        RuntimeConfig runtime = RuntimeConfig.empty()
                .with(Capability.IPS, tree("[\"10.1.0.5/24\"]"))
                .with(Capability.PORT_MAPPINGS, tree("[{\"hostPort\":8080,\"containerPort\":80}]"))
                .with(Capability.BANDWIDTH, tree("{\"ingressRate\":1000}"));

        NetConf injected = conf.withRuntimeConfig(runtime);

        assertThat(injected.runtimeConfig()).contains(tree("{\"ips\":[\"10.1.0.5/24\"]}"));
    }

    @Test
    void givenRuntimeConfig_whenInjected_thenCapabilitiesKeyIsKept() throws Exception {
        NetConf conf = NetConf.parse(ConfigFixtures.bytes("macvlan.conf"));

        NetConf injected = conf.withRuntimeConfig(RuntimeConfig.empty().with(Capability.MAC, TextNode.valueOf("02:00:00:00:00:09")));

        assertThat(injected.field("capabilities")).isEqualTo(conf.field("capabilities"));
    }

    @Test
    void givenNoDeclaredCapabilityApplies_whenInjected_thenNoRuntimeConfigKeyIsAdded() throws Exception {
        NetConf conf = NetConf.parse(ConfigFixtures.bytes("macvlan.conf"));

        NetConf injected = conf.withRuntimeConfig(RuntimeConfig.empty().with(Capability.BANDWIDTH, tree("{}")));

        assertThat(injected.json().has("runtimeConfig")).isFalse();
        assertThat(injected).isEqualTo(conf);
    }

    @Test
    void givenExistingRuntimeConfig_whenInjected_thenGivenValuesWinAndOthersStay() throws Exception {
        NetConf conf = NetConf.parse(ConfigFixtures.bytes("runtime-config-existing.conf"));
        RuntimeConfig runtime = RuntimeConfig.empty()
                .with(Capability.MAC, TextNode.valueOf("02:00:00:00:00:99"))
                .with(Capability.IPS, tree("[\"fd00::5/64\"]"));

        NetConf injected = conf.withRuntimeConfig(runtime);

        assertThat(injected.runtimeConfig()).contains(
                tree("{\"mac\":\"02:00:00:00:00:99\",\"custom\":\"kept\",\"ips\":[\"fd00::5/64\"]}"));
    }

    @Test
    void givenExistingRuntimeConfig_whenNothingApplies_thenItIsKept() {
        NetConf conf = NetConf.parse(ConfigFixtures.bytes("runtime-config-existing.conf"));

        NetConf injected = conf.withRuntimeConfig(RuntimeConfig.empty());

        assertThat(injected.runtimeConfig()).isEqualTo(conf.runtimeConfig());
    }

    @Test
    void givenEmptyExistingRuntimeConfig_whenNothingApplies_thenTheKeyIsRemoved() throws Exception {
        NetConf conf = NetConf.of((ObjectNode) tree("{\"type\":\"bridge\",\"runtimeConfig\":{}}"));

        NetConf injected = conf.withRuntimeConfig(RuntimeConfig.empty());

        assertThat(injected.json().has("runtimeConfig")).isFalse();
    }

    @Test
    void givenField_whenSetAndRemoved_thenOnlyThatKeyChanges() throws Exception {
        NetConf conf = NetConf.parse(ConfigFixtures.bytes("macvlan.conf"));

        NetConf withGc = conf.withField("cni.dev/valid-attachments", tree("[{\"containerID\":\"c1\",\"ifname\":\"eth0\"}]"));
        NetConf back = withGc.without("cni.dev/valid-attachments");

        assertThat(withGc.field("cni.dev/valid-attachments")).isPresent();
        assertThat(back.toBytes()).isEqualTo(conf.toBytes());
    }

    @Test
    void givenConf_whenTypeIsRemoved_thenCode7() {
        NetConf conf = NetConf.parse(ConfigFixtures.bytes("macvlan.conf"));

        assertThatThrownBy(() -> conf.without("type"))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.code()).isEqualTo(7));
    }

    @Test
    void givenUnknownVersion_whenParsed_thenCode1NamesTheNetwork() {
        assertThatThrownBy(() -> NetConf.parse(ConfigFixtures.bytes("invalid/single-unknown-version.json")))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("network \"mfx\"").contains("7.7.7");
                });
    }

    @Test
    void givenConf_whenPrinted_thenConfigContentIsNotShown() {
        NetConf conf = NetConf.parse(ConfigFixtures.bytes("unknown-fields.conf"));

        assertThat(conf.toString()).isEqualTo("network \"mfkeep\"").doesNotContain("alpha");
    }

    @Test
    void givenResult_whenWithPrevResult_thenItIsTheResultJson() throws Exception {
        NetConf conf = NetConf.parse(ConfigFixtures.bytes("macvlan.conf"));
        CniResult result = new Result1x(CniVersion.V1_0_0, List.of(Interface.of("eth0", null, "/var/run/netns/x")),
                List.of(new IpConfig(0, "10.1.0.5/24", null)), List.of(), Dns.empty());

        NetConf withPrev = conf.withPrevResult(result);

        assertThat(withPrev.prevResult()).contains(tree(
                "{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\"eth0\",\"sandbox\":\"/var/run/netns/x\"}],"
                        + "\"ips\":[{\"interface\":0,\"address\":\"10.1.0.5/24\"}],\"dns\":{}}"));
        assertThat(conf.prevResult()).isEmpty();
    }

    @Test
    void givenTwoConfsDifferingInKeyOrder_whenCompared_thenEqual() throws Exception {
        NetConf a = NetConf.of((ObjectNode) tree("{\"type\":\"bridge\",\"name\":\"n\"}"));
        NetConf b = NetConf.of((ObjectNode) tree("{\"name\":\"n\",\"type\":\"bridge\"}"));

        assertThat(List.of(a, a.hashCode())).containsExactly(b, b.hashCode());
    }
}
