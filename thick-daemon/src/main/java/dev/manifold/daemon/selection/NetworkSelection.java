package dev.manifold.daemon.selection;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One network a pod asks for, checked: the NAD it names and what it requests for the attachment.
 * Values are syntactically valid (IPs/CIDRs, MAC, interface name, DNS names); whether the NAD
 * exists or the namespace may be used is for the resolver to decide.
 *
 * <p>The JSON values are exactly what goes into the plugin's runtime config or {@code args}:
 * {@code portMappings} a list of {@code {hostPort, containerPort, protocol?, hostIP?}},
 * {@code bandwidth} an object of the four rates and bursts, {@code cniArgs} an object. They are
 * copied in and out, so a selection never changes.
 *
 * @param interfaceName  the interface the pod asked for; empty means "generated"
 *                       (see {@link NetworkSelections#assignInterfaceNames})
 * @param ips            requested IPs, each an address or a CIDR, as written
 * @param mac            requested MAC address, as written
 * @param defaultRoute   gateway IPs: when not empty this attachment owns the pod's default route
 * @param infinibandGuid requested InfiniBand GUID, as written
 * @param deviceId       the {@code deviceID} the pod asked for
 */
public record NetworkSelection(NadRef nad, Optional<String> interfaceName, List<String> ips, Optional<String> mac,
                               List<String> defaultRoute, Optional<JsonNode> portMappings,
                               Optional<JsonNode> bandwidth, Optional<JsonNode> cniArgs,
                               Optional<String> infinibandGuid, Optional<String> deviceId) {
    public NetworkSelection {
        Objects.requireNonNull(nad, "nad");
        Objects.requireNonNull(interfaceName, "interfaceName");
        ips = List.copyOf(ips);
        Objects.requireNonNull(mac, "mac");
        defaultRoute = List.copyOf(defaultRoute);
        portMappings = portMappings.map(JsonNode::deepCopy);
        bandwidth = bandwidth.map(JsonNode::deepCopy);
        cniArgs = cniArgs.map(JsonNode::deepCopy);
        Objects.requireNonNull(infinibandGuid, "infinibandGuid");
        Objects.requireNonNull(deviceId, "deviceId");
    }

    /** {@code nad} with nothing requested: how {@code defaultNetworks} entries are attached. */
    public static NetworkSelection of(NadRef nad) {
        return new NetworkSelection(nad, Optional.empty(), List.of(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public Optional<JsonNode> portMappings() {
        return portMappings.map(JsonNode::deepCopy);
    }

    @Override
    public Optional<JsonNode> bandwidth() {
        return bandwidth.map(JsonNode::deepCopy);
    }

    @Override
    public Optional<JsonNode> cniArgs() {
        return cniArgs.map(JsonNode::deepCopy);
    }
}
