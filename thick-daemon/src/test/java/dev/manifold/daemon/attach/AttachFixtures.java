package dev.manifold.daemon.attach;

import dev.manifold.daemon.resolve.PlannedAttachment;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Plans built from the configs under {@code fixtures/attach/}. */
final class AttachFixtures {
    private AttachFixtures() {
    }

    static NetConfList config(String file) {
        try (InputStream in = AttachFixtures.class.getResourceAsStream("/fixtures/attach/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            return NetConfList.parseAny(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cluster network ({@code cluster.conflist}) on eth0, then {@code secondaries} on net1, net2 … */
    static List<PlannedAttachment> plan(String... secondaries) {
        List<PlannedAttachment> plan = new ArrayList<>();
        plan.add(new PlannedAttachment("cluster", "eth0", config("cluster.conflist"), RuntimeConfig.empty(), true, List.of()));
        for (int i = 0; i < secondaries.length; i++) {
            NetConfList config = config(secondaries[i]);
            plan.add(new PlannedAttachment("team/" + config.name(), "net" + (i + 1), config, RuntimeConfig.empty(), false, List.of()));
        }
        return plan;
    }
}
