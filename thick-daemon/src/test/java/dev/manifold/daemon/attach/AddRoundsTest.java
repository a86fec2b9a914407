package dev.manifold.daemon.attach;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.manifold.daemon.attach.AttachFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

class AddRoundsTest {
    @Test
    void givenSecondariesThatShareNothing_whenParallel_thenTheyFormOneRoundAfterTheClusterNetwork() {
        var plan = plan("macvlan-lan.json", "bridge-data.json", "ptp-link.json");

        List<List<Integer>> rounds = AddRounds.of(plan, SecondaryOrder.INDEPENDENT_AT_ONCE);

        assertThat(rounds).containsExactly(List.of(0), List.of(1, 2, 3));
    }

    @Test
    void givenTwoNetworksOnOneBridge_whenParallel_thenTheSecondWaitsForTheFirst() {
        var plan = plan("bridge-data.json", "ptp-link.json", "bridge-data-second-network.json");

        List<List<Integer>> rounds = AddRounds.of(plan, SecondaryOrder.INDEPENDENT_AT_ONCE);

        assertThat(rounds).containsExactly(List.of(0), List.of(1, 2), List.of(3));
    }

    @Test
    void givenTwoMacvlansOnOneMaster_whenParallel_thenTheyRunInSequence() {
        var plan = plan("macvlan-lan.json", "macvlan-lan-second-network.json");

        List<List<Integer>> rounds = AddRounds.of(plan, SecondaryOrder.INDEPENDENT_AT_ONCE);

        assertThat(rounds).containsExactly(List.of(0), List.of(1), List.of(2));
    }

    @Test
    void givenTwoConfigsWithOneNetworkName_whenParallel_thenTheyRunInSequence() {
        var plan = plan("bridge-data.json", "ptp-named-data.json");

        List<List<Integer>> rounds = AddRounds.of(plan, SecondaryOrder.INDEPENDENT_AT_ONCE);

        assertThat(rounds).containsExactly(List.of(0), List.of(1), List.of(2));
    }

    @Test
    void givenAChainWithAPluginOutsideTheRule_whenParallel_thenItRunsAlone() {
        var plan = plan("macvlan-lan.json", "ptp-with-portmap.conflist", "bridge-data.json");

        List<List<Integer>> rounds = AddRounds.of(plan, SecondaryOrder.INDEPENDENT_AT_ONCE);

        assertThat(rounds).containsExactly(List.of(0), List.of(1), List.of(2), List.of(3));
    }

    @Test
    void givenAnIpamOutsideTheRule_whenParallel_thenItRunsAlone() {
        var plan = plan("macvlan-lan.json", "ptp-dhcp.json");

        List<List<Integer>> rounds = AddRounds.of(plan, SecondaryOrder.INDEPENDENT_AT_ONCE);

        assertThat(rounds).containsExactly(List.of(0), List.of(1), List.of(2));
    }

    @Test
    void givenSequentialOrder_whenPlanned_thenEveryDelegateIsARoundOfItsOwn() {
        var plan = plan("macvlan-lan.json", "bridge-data.json", "ptp-link.json");

        List<List<Integer>> rounds = AddRounds.of(plan, SecondaryOrder.SEQUENTIAL);

        assertThat(rounds).containsExactly(List.of(0), List.of(1), List.of(2), List.of(3));
    }
}
