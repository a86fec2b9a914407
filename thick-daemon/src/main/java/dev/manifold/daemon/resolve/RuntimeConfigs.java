package dev.manifold.daemon.resolve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.manifold.daemon.selection.NetworkSelection;
import dev.manifold.delegates.config.Capability;
import dev.manifold.delegates.config.RuntimeConfig;

/**
 * A selection's requests as runtime config, keyed by capability (CONVENTIONS.md). The invoker
 * passes each entry only to plugins that declare that capability.
 */
final class RuntimeConfigs {
    private RuntimeConfigs() {
    }

    static RuntimeConfig of(NetworkSelection sel) {
        RuntimeConfig rc = RuntimeConfig.empty();
        if (!sel.ips().isEmpty()) {
            ArrayNode ips = JsonNodeFactory.instance.arrayNode();
            sel.ips().forEach(ips::add);
            rc = rc.with(Capability.IPS, ips);
        }
        if (sel.mac().isPresent()) {
            rc = rc.with(Capability.MAC, TextNode.valueOf(sel.mac().get()));
        }
        if (sel.portMappings().isPresent()) {
            rc = rc.with(Capability.PORT_MAPPINGS, sel.portMappings().get());
        }
        if (sel.bandwidth().isPresent()) {
            rc = rc.with(Capability.BANDWIDTH, sel.bandwidth().get());
        }
        if (sel.infinibandGuid().isPresent()) {
            rc = rc.with(Capability.INFINIBAND_GUID, TextNode.valueOf(sel.infinibandGuid().get()));
        }
        if (sel.deviceId().isPresent()) {
            rc = rc.with(Capability.DEVICE_ID, TextNode.valueOf(sel.deviceId().get()));
        }
        return rc;
    }
}
