package dev.manifold.daemon.selection;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkSelectionTest {
    @Test
    void givenMutableInputs_whenChangedAfterConstruction_thenTheSelectionIsUnchanged() {
        List<String> ips = new ArrayList<>(List.of("10.0.0.2/24"));
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("k", 1);
        NetworkSelection s = new NetworkSelection(new NadRef("ns", "a"), Optional.empty(), ips, Optional.empty(),
                List.of(), Optional.empty(), Optional.empty(), Optional.of(args), Optional.empty(), Optional.empty());

        ips.add("10.0.0.3/24");
        args.put("k", 2);

        assertThat(s.ips()).containsExactly("10.0.0.2/24");
        assertThat(s.cniArgs().orElseThrow().get("k").asInt()).isEqualTo(1);
    }
}
