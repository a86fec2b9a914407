package dev.manifold.daemon.request;

import dev.manifold.delegates.spec.CniCommand;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestParserTest {
    private static final String CONF = "{\"cniVersion\":\"0.4.0\",\"name\":\"multus-cni-network\",\"type\":\"manifold-shim\"}";

    private static Map<String, String> env(String command) {
        Map<String, String> env = new HashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", "abc123");
        env.put("CNI_NETNS", "/proc/self/ns/net");
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=ns1;K8S_POD_NAME=web;K8S_POD_UID=u1");
        return env;
    }

    private static byte[] body(Map<String, String> env, String conf) {
        StringBuilder sb = new StringBuilder("{\"env\":{");
        env.forEach((k, v) -> sb.append('"').append(k).append("\":\"").append(v).append("\","));
        if (!env.isEmpty()) {
            sb.setLength(sb.length() - 1);
        }
        sb.append("},\"config\":\"").append(Base64.getEncoder().encodeToString(conf.getBytes(StandardCharsets.UTF_8))).append("\"}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int codeOf(Runnable r) {
        try {
            r.run();
        } catch (CniException e) {
            return e.code();
        }
        throw new AssertionError("no CniException");
    }

    @Test
    void givenWireBody_whenParsed_thenEnvConfigAndPodAreRead() {
        CniRequest req = RequestParser.parse(body(env("ADD"), CONF));

        assertThat(req.command()).isEqualTo(CniCommand.ADD);
        assertThat(req.cniVersion()).isEqualTo(CniVersion.V0_4_0);
        assertThat(req.pod()).hasValueSatisfying(p -> assertThat(p.toString()).isEqualTo("ns1/web"));
        assertThat(req.podUid()).contains("u1");
        assertThat(req.config().path("type").asText()).isEqualTo("manifold-shim");
    }

    @Test
    void givenUnknownCommand_whenParsed_thenCode4() {
        assertThat(codeOf(() -> RequestParser.parse(body(env("FLY"), CONF)))).isEqualTo(4);
    }

    @Test
    void givenMissingContainerId_whenParsed_thenCode4() {
        Map<String, String> env = env("ADD");
        env.remove("CNI_CONTAINERID");
        assertThat(codeOf(() -> RequestParser.parse(body(env, CONF)))).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "way-too-long-ifname", ".", "..", "et h0", "eth:0"})
    void givenInvalidIfName_whenParsed_thenCode4(String ifName) {
        Map<String, String> env = env("ADD");
        env.put("CNI_IFNAME", ifName);
        assertThat(codeOf(() -> RequestParser.parse(body(env, CONF)))).isEqualTo(4);
    }

    @Test
    void givenNetnsPathThatDoesNotExist_whenAdd_thenCode8() {
        Map<String, String> env = env("ADD");
        env.put("CNI_NETNS", "/var/run/netns/no-such-ns");
        assertThat(codeOf(() -> RequestParser.parse(body(env, CONF)))).isEqualTo(8);
    }

    @Test
    void givenDelWithoutNetns_whenParsed_thenAccepted() {
        Map<String, String> env = env("DEL");
        env.remove("CNI_NETNS");
        assertThat(RequestParser.parse(body(env, CONF)).netns()).isEmpty();
    }

    @Test
    void givenGarbageBodyOrConfig_whenParsed_thenCode6() {
        assertThat(codeOf(() -> RequestParser.parse("not json".getBytes(StandardCharsets.UTF_8)))).isEqualTo(6);
        assertThat(codeOf(() -> RequestParser.parse(body(env("ADD"), "{oops")))).isEqualTo(6);
        assertThat(codeOf(() -> RequestParser.parse("{\"env\":{},\"config\":\"%%%\"}".getBytes(StandardCharsets.UTF_8)))).isEqualTo(6);
    }

    @Test
    void givenUnknownConfigVersion_whenParsed_thenCode1() {
        assertThat(codeOf(() -> RequestParser.parse(body(env("ADD"), "{\"cniVersion\":\"9.9.9\",\"type\":\"x\"}")))).isEqualTo(1);
    }
}
