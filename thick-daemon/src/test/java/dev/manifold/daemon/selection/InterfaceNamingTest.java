package dev.manifold.daemon.selection;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterfaceNamingTest {
    private static List<String> names(String annotation) {
        return NetworkSelections.assignInterfaceNames(NetworkSelections.parse(annotation, "ns"));
    }

    @Test
    void givenUnnamedSecondaries_whenAssigned_thenTheyAreNet1ToNetN() {
        assertThat(names("a,b,c")).containsExactly("net1", "net2", "net3");
    }

    @Test
    void givenRequestedName_whenAssigned_thenItIsUsed() {
        assertThat(names("a@data0")).containsExactly("data0");
    }

    @Test
    void givenNamedSecondaryFirst_whenAssigned_thenNCountsItAsMultusDoes() {
        assertThat(names("a@data0,b,c@data1,d")).containsExactly("data0", "net2", "data1", "net4");
    }

    @Test
    void givenRequestEqualToItsOwnGeneratedName_whenAssigned_thenThereIsNoClash() {
        assertThat(names("a@net1,b")).containsExactly("net1", "net2");
    }

    @Test
    void givenRequestEqualToAnotherGeneratedName_whenAssigned_thenCode7NamesBothNetworks() {
        List<NetworkSelection> secondaries = NetworkSelections.parse("a@net2,other/b", "ns");

        assertThatThrownBy(() -> NetworkSelections.assignInterfaceNames(secondaries))
                .isInstanceOfSatisfying(CniException.class,
                        e -> assertThat(e.code()).isEqualTo(CniErrorCode.INVALID_NETWORK_CONFIG.code()))
                .hasMessage("interface \"net2\" would be used twice: requested by secondary network 1 (ns/a) and "
                        + "generated for secondary network 2 (other/b); request distinct \"interface\" names");
    }

    @Test
    void givenDefaultNetworksBeforeAnnotation_whenAssigned_thenAnnotationNumbersContinueAfterThem() {
        List<NetworkSelection> secondaries = new java.util.ArrayList<>();
        secondaries.add(NetworkSelection.of(new NadRef("kube-system", "default-extra")));
        secondaries.addAll(NetworkSelections.parse("a,b@x,c", "ns"));

        assertThat(NetworkSelections.assignInterfaceNames(secondaries)).containsExactly("net1", "net2", "x", "net4");
    }

    @Test
    void givenSameRequestFromTwoSources_whenAssigned_thenCode7NamesBoth() {
        List<NetworkSelection> secondaries = List.of(
                NetworkSelections.parse("a@data", "ns").get(0), NetworkSelections.parse("b@data", "ns").get(0));

        assertThatThrownBy(() -> NetworkSelections.assignInterfaceNames(secondaries))
                .hasMessageContaining("requested by secondary network 1 (ns/a) and requested by secondary network 2 (ns/b)");
    }

    @Test
    void givenNoSecondaries_whenAssigned_thenNoNames() {
        assertThat(NetworkSelections.assignInterfaceNames(List.of())).isEmpty();
    }
}
