package dev.manifold.daemon.request;

import dev.manifold.delegates.spec.CniException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What fuzzing the CNI environment found: values no request may carry are refused with code 4. */
class RequestHardeningTest {
    private static final byte[] CONF = "{\"cniVersion\":\"1.0.0\",\"name\":\"m\",\"type\":\"manifold-shim\"}"
            .getBytes(StandardCharsets.UTF_8);

    private static Map<String, String> env(String command, String args) {
        Map<String, String> env = new HashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", "abc123");
        env.put("CNI_NETNS", "/proc/self/ns/net");
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_ARGS", args);
        return env;
    }

    private static void assertCode4(Map<String, String> env, String fragment) {
        assertThatThrownBy(() -> RequestParser.fromEnv(env, CONF)).isInstanceOfSatisfying(CniException.class, e -> {
            assertThat(e.code()).isEqualTo(4);
            assertThat(e.getMessage()).contains(fragment);
        });
    }

    @Test
    void givenNulInCniArgs_whenParsed_thenCode4() {
        assertCode4(env("DEL", "K8S_POD_NAME=a\u0000b"), "CNI_ARGS contains a NUL");
    }

    @Test
    void givenNulInTheNetnsPath_whenParsed_thenCode4() {
        Map<String, String> env = env("ADD", "");
        env.put("CNI_NETNS", "/proc/self/ns/net\u0000x");

        assertCode4(env, "CNI_NETNS contains a NUL");
    }

    @Test
    void givenNetnsPathTheFileSystemCannotName_whenParsed_thenCode4() {
        Map<String, String> env = env("ADD", "");
        env.put("CNI_NETNS", "/var/run/netns/x\udc00");

        assertCode4(env, "is not a valid path");
    }

    @Test
    void givenPodNamespaceThatIsNoKubernetesName_whenAdd_thenCode4() {
        assertCode4(env("ADD", "K8S_POD_NAMESPACE=../../etc;K8S_POD_NAME=app"), "K8S_POD_NAMESPACE");
    }

    @Test
    void givenPodNameThatIsNoKubernetesName_whenCheck_thenCode4() {
        assertCode4(env("CHECK", "K8S_POD_NAMESPACE=team;K8S_POD_NAME=a/b"), "K8S_POD_NAME");
    }

    @Test
    void givenPodNamespaceThatIsNoKubernetesName_whenDel_thenTheRequestNamesNoPod() {
        CniRequest del = RequestParser.fromEnv(env("DEL", "K8S_POD_NAMESPACE=../../etc;K8S_POD_NAME=app"), CONF);

        assertThat(del.pod()).isEmpty();
    }

    @Test
    void givenKubernetesNames_whenAdd_thenThePodIsNamed() {
        CniRequest add = RequestParser.fromEnv(env("ADD", "K8S_POD_NAMESPACE=team;K8S_POD_NAME=web-0.x"), CONF);

        assertThat(add.pod()).hasValueSatisfying(p -> assertThat(p.toString()).isEqualTo("team/web-0.x"));
    }
}
