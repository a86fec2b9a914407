package dev.manifold.daemon.selection;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NadRefTest {
    @Test
    void givenRef_whenPrinted_thenItIsNamespaceSlashName() {
        assertThat(new NadRef("team-a", "macvlan.v2")).hasToString("team-a/macvlan.v2");
    }

    @Test
    void givenLongestValidParts_whenConstructed_thenAccepted() {
        String label = "a".repeat(63);
        String subdomain = (label + ".").repeat(3) + "b".repeat(61);

        assertThat(new NadRef(label, subdomain).name()).hasSize(253);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A", "a_b", "-a", "a-", "a.b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void givenInvalidNamespace_whenConstructed_thenCode7(String namespace) {
        assertThatThrownBy(() -> new NadRef(namespace, "net"))
                .isInstanceOfSatisfying(CniException.class,
                        e -> assertThat(e.code()).isEqualTo(CniErrorCode.INVALID_NETWORK_CONFIG.code()))
                .hasMessageStartingWith("invalid network namespace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Net", "net_1", "net.", ".net", "a..b", "net-", "a/b"})
    void givenInvalidName_whenConstructed_thenCode7(String name) {
        assertThatThrownBy(() -> new NadRef("ns", name))
                .isInstanceOfSatisfying(CniException.class,
                        e -> assertThat(e.code()).isEqualTo(CniErrorCode.INVALID_NETWORK_CONFIG.code()))
                .hasMessageStartingWith("invalid network name");
    }

    @Test
    void givenNameLongerThan253_whenConstructed_thenCode7() {
        String name = ("a".repeat(63) + ".").repeat(4).substring(0, 254);

        assertThatThrownBy(() -> new NadRef("ns", name)).hasMessageContaining("longer than 253");
    }

    @Test
    void givenQualifiedValue_whenParsed_thenItsNamespaceIsUsed() {
        assertThat(NadRef.parse("team-a/net", "kube-system")).isEqualTo(new NadRef("team-a", "net"));
    }

    @Test
    void givenBareValue_whenParsed_thenTheDefaultNamespaceIsUsed() {
        assertThat(NadRef.parse("net", "kube-system")).isEqualTo(new NadRef("kube-system", "net"));
    }

    @Test
    void givenTwoSlashes_whenParsed_thenCode7() {
        assertThatThrownBy(() -> NadRef.parse("a/b/c", "ns")).hasMessageContaining("too many \"/\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/cni/net.d/10-flannel.conflist", "my_net", "Calico", "a/b/c"})
    void givenValueThatIsNoNadRef_whenTryParse_thenEmpty(String value) {
        assertThat(NadRef.tryParse(value, "kube-system")).isEmpty();
    }

    @Test
    void givenValidValue_whenTryParse_thenPresent() {
        assertThat(NadRef.tryParse("k8s-pod-network", "kube-system")).contains(new NadRef("kube-system", "k8s-pod-network"));
    }
}
