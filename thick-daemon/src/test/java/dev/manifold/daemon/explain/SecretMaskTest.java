package dev.manifold.daemon.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"password", "token", "apiToken", "client_secret", "privateKey", "key", "api-key", "apikey",
            "k8s_auth_token", "etcdPassword", "credentials", "Secret"})
    void givenCredentialName_whenChecked_thenSecret(String name) {
        assertThat(SecretMask.isSecret(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubeconfig", "tokenFile", "etcd_key_file", "keyPath", "master", "monkey", "bridge", "ipam",
            "capabilities", "keyDir"})
    void givenOrdinaryOrLocationName_whenChecked_thenShown(String name) {
        assertThat(SecretMask.isSecret(name)).isFalse();
    }

    @Test
    void givenSecretsNestedInObjectsAndArrays_whenMasked_thenEveryOneIsHidden() throws Exception {
        JsonNode config = JSON.readTree("""
                {"type":"x","auth":{"password":"p1"},"peers":[{"name":"a","presharedKey":"k1"}],"token":{"value":"t1"}}""");

        String masked = SecretMask.mask(config).toString();

        assertThat(masked).doesNotContain("p1").doesNotContain("k1").doesNotContain("t1")
                .isEqualTo("{\"type\":\"x\",\"auth\":{\"password\":\"****\"},\"peers\":[{\"name\":\"a\",\"presharedKey\":\"****\"}],"
                        + "\"token\":\"****\"}");
    }

    @Test
    void givenConfig_whenMasked_thenTheOriginalIsUnchanged() throws Exception {
        JsonNode config = JSON.readTree("{\"token\":\"t1\"}");

        SecretMask.mask(config);

        assertThat(config.path("token").asText()).isEqualTo("t1");
    }
}
