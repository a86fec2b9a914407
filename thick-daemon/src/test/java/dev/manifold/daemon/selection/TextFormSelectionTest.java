package dev.manifold.daemon.selection;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TextFormSelectionTest {
    @Test
    void givenBareName_whenParsed_thenThePodNamespaceIsUsed() {
        List<NetworkSelection> selections = NetworkSelections.parse("macvlan-conf", "team-a");

        assertThat(selections).containsExactly(NetworkSelection.of(new NadRef("team-a", "macvlan-conf")));
    }

    @Test
    void givenNamespacedName_whenParsed_thenThatNamespaceIsUsed() {
        List<NetworkSelection> selections = NetworkSelections.parse("shared/macvlan-conf", "team-a");

        assertThat(selections).singleElement()
                .extracting(NetworkSelection::nad).isEqualTo(new NadRef("shared", "macvlan-conf"));
    }

    @Test
    void givenNameAtInterface_whenParsed_thenTheInterfaceIsRequested() {
        List<NetworkSelection> selections = NetworkSelections.parse("macvlan-conf@data0", "team-a");

        assertThat(selections).singleElement().satisfies(s -> {
            assertThat(s.nad()).isEqualTo(new NadRef("team-a", "macvlan-conf"));
            assertThat(s.interfaceName()).contains("data0");
        });
    }

    @Test
    void givenNamespacedNameAtInterface_whenParsed_thenAllThreePartsAreRead() {
        List<NetworkSelection> selections = NetworkSelections.parse("shared/sriov@vf0", "team-a");

        assertThat(selections).singleElement().satisfies(s -> {
            assertThat(s.nad()).isEqualTo(new NadRef("shared", "sriov"));
            assertThat(s.interfaceName()).contains("vf0");
        });
    }

    @Test
    void givenSeveralItems_whenParsed_thenOrderIsKept() {
        List<NetworkSelection> selections = NetworkSelections.parse("c,a/b,b@x,a", "ns");

        assertThat(selections).extracting(s -> s.nad().toString()).containsExactly("ns/c", "a/b", "ns/b", "ns/a");
    }

    @Test
    void givenWhiteSpaceAroundItemsAndParts_whenParsed_thenItIsIgnored() {
        List<NetworkSelection> selections = NetworkSelections.parse("  a ,\n\tshared / b @ if1 , c@ x \n", "ns");

        assertThat(selections).extracting(NetworkSelection::nad, NetworkSelection::interfaceName).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new NadRef("ns", "a"), Optional.empty()),
                org.assertj.core.groups.Tuple.tuple(new NadRef("shared", "b"), Optional.of("if1")),
                org.assertj.core.groups.Tuple.tuple(new NadRef("ns", "c"), Optional.of("x")));
    }

    @Test
    void givenSameNetworkTwice_whenParsed_thenBothAreKept() {
        List<NetworkSelection> selections = NetworkSelections.parse("a,a", "ns");

        assertThat(selections).hasSize(2);
    }

    @Test
    void givenEmptyNamespace_whenParsed_thenThePodNamespaceIsUsedAsMultusDoes() {
        List<NetworkSelection> selections = NetworkSelections.parse("/a", "ns");

        assertThat(selections).singleElement().extracting(NetworkSelection::nad).isEqualTo(new NadRef("ns", "a"));
    }

    @Test
    void givenEmptyInterfaceAfterAt_whenParsed_thenNoInterfaceIsRequestedAsMultusDoes() {
        List<NetworkSelection> selections = NetworkSelections.parse("a@", "ns");

        assertThat(selections).singleElement().extracting(NetworkSelection::interfaceName).isEqualTo(Optional.empty());
    }

    @Test
    void givenDottedName_whenParsed_thenItIsAcceptedAsAKubernetesObjectName() {
        List<NetworkSelection> selections = NetworkSelections.parse("net.v2", "ns");

        assertThat(selections).singleElement().extracting(s -> s.nad().name()).isEqualTo("net.v2");
    }

    @Test
    void givenBlankValue_whenParsed_thenNoNetworks() {
        assertThat(NetworkSelections.parse(" \n ", "ns")).isEmpty();
    }

    @Test
    void givenTextForm_whenParsed_thenNothingButTheInterfaceIsRequested() {
        NetworkSelection s = NetworkSelections.parse("a@x", "ns").get(0);

        assertThat(s.ips()).isEmpty();
        assertThat(s.mac()).isEmpty();
        assertThat(s.defaultRoute()).isEmpty();
        assertThat(s.portMappings()).isEmpty();
        assertThat(s.bandwidth()).isEmpty();
        assertThat(s.cniArgs()).isEmpty();
        assertThat(s.infinibandGuid()).isEmpty();
        assertThat(s.deviceId()).isEmpty();
    }
}
