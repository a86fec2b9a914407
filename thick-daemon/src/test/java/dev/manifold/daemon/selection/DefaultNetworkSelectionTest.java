package dev.manifold.daemon.selection;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultNetworkSelectionTest {
    @Test
    void givenBareName_whenParsed_thenTheGivenDefaultNamespaceIsUsed() {
        NetworkSelection s = NetworkSelections.parseDefaultNetwork("calico", "kube-system");

        assertThat(s.nad()).isEqualTo(new NadRef("kube-system", "calico"));
    }

    @Test
    void givenNamespacedName_whenParsed_thenThatNamespaceIsUsed() {
        NetworkSelection s = NetworkSelections.parseDefaultNetwork(" team-a/flannel ", "kube-system");

        assertThat(s.nad()).isEqualTo(new NadRef("team-a", "flannel"));
    }

    @Test
    void givenJsonListOfOne_whenParsed_thenItIsTheSelection() {
        NetworkSelection s = NetworkSelections.parseDefaultNetwork(
                "[{\"name\": \"flannel\", \"namespace\": \"team-a\", \"ips\": [\"10.9.0.5/24\"]}]", "kube-system");

        assertThat(s.nad()).isEqualTo(new NadRef("team-a", "flannel"));
        assertThat(s.ips()).containsExactly("10.9.0.5/24");
    }

    @Test
    void givenInterfaceRequest_whenParsed_thenItIsKept() {
        NetworkSelection s = NetworkSelections.parseDefaultNetwork("calico@eth9", "kube-system");

        assertThat(s.interfaceName()).contains("eth9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b", "[{\"name\":\"a\"},{\"name\":\"b\"}]"})
    void givenTwoNetworks_whenParsed_thenCode7SaysExactlyOne(String value) {
        assertThatThrownBy(() -> NetworkSelections.parseDefaultNetwork(value, "kube-system"))
                .isInstanceOfSatisfying(CniException.class,
                        e -> assertThat(e.code()).isEqualTo(CniErrorCode.INVALID_NETWORK_CONFIG.code()))
                .hasMessage("v1.multus-cni.io/default-network: names 2 networks; the default network is exactly "
                        + "one NetworkAttachmentDefinition");
    }

    @Test
    void givenEmptyJsonList_whenParsed_thenCode7() {
        assertThatThrownBy(() -> NetworkSelections.parseDefaultNetwork("[]", "kube-system"))
                .isInstanceOf(CniException.class)
                .hasMessageContaining("names 0 networks");
    }

    @Test
    void givenBlankValue_whenParsed_thenCode7() {
        assertThatThrownBy(() -> NetworkSelections.parseDefaultNetwork("  ", "kube-system"))
                .isInstanceOfSatisfying(CniException.class,
                        e -> assertThat(e.code()).isEqualTo(CniErrorCode.INVALID_NETWORK_CONFIG.code()))
                .hasMessageStartingWith("v1.multus-cni.io/default-network: is empty");
    }

    @Test
    void givenMalformedValue_whenParsed_thenTheMessageNamesTheDefaultNetworkAnnotation() {
        assertThatThrownBy(() -> NetworkSelections.parseDefaultNetwork("a/b/c", "kube-system"))
                .hasMessageStartingWith("v1.multus-cni.io/default-network: item 1 \"a/b/c\": too many \"/\"");
    }
}
