package dev.manifold.daemon.attach;

import dev.manifold.daemon.resolve.PlannedAttachment;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan cut into rounds: the delegates of one round run at the same time, a round starts when
 * the one before it has finished. Rounds hold plan indexes in plan order. The cluster network is
 * a round of its own, first: secondaries may depend on it (a default route through it, an
 * interface plugin that expects {@code eth0}).
 */
final class AddRounds {
    private AddRounds() {
    }

    static List<List<Integer>> of(List<PlannedAttachment> plan, SecondaryOrder order) {
        List<List<Integer>> rounds = new ArrayList<>();
        List<Integer> round = new ArrayList<>();
        List<SharedResources> claimed = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            PlannedAttachment p = plan.get(i);
            SharedResources resources = p.clusterNetwork() || order == SecondaryOrder.SEQUENTIAL
                    ? SharedResources.everything()
                    : SharedResources.of(p.config());
            if (!round.isEmpty() && claimed.stream().anyMatch(resources::conflictsWith)) {
                rounds.add(List.copyOf(round));
                round.clear();
                claimed.clear();
            }
            round.add(i);
            claimed.add(resources);
        }
        if (!round.isEmpty()) {
            rounds.add(List.copyOf(round));
        }
        return List.copyOf(rounds);
    }
}
