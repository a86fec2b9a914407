package dev.manifold.crds.npwg;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One element of the JSON form of the {@code k8s.v1.cni.cncf.io/networks} pod annotation
 * (multi-network specification, "Network Attachment Selection Annotation"), with the keys Multus
 * reads. Absent strings are {@code null} (an empty string reads as absent, as in Go), absent lists
 * are empty, and absent fields are left out when written.
 *
 * <p>This type checks shapes only (which key holds a string, a list, an object); what the values
 * mean (a valid MAC, an IP, a DNS name) is for the consumer to check. Read it with
 * {@link NpwgJson#readSelections(String)}, which rejects wrong JSON types instead of coercing them.
 *
 * @param name                the NAD's name; required
 * @param namespace           the NAD's namespace; absent means "the pod's namespace"
 * @param ips                 requested IPs, each an address or a CIDR ({@code 10.1.1.11/24})
 * @param mac                 requested MAC address
 * @param infinibandGuid      requested InfiniBand GUID ({@code infiniband-guid})
 * @param interfaceName       requested interface name in the pod ({@code interface}; the pre-3.2
 *                            key {@code interfaceRequest} is read too, when {@code interface} is
 *                            absent)
 * @param portMappings        requested port mappings, passed as the {@code portMappings} capability
 * @param bandwidth           requested bandwidth limits, passed as the {@code bandwidth} capability
 * @param deviceId            a device id for the plugin ({@code deviceID})
 * @param cniArgs             arbitrary JSON passed to the plugin as {@code args.cni}
 *                            ({@code cni-args})
 * @param defaultRoute        gateway IPs; this attachment then owns the pod's default route
 *                            ({@code default-route})
 * @param ipamClaimReference  name of an IPAMClaim holding this attachment's IPs
 *                            ({@code ipam-claim-reference}; read by OVN-Kubernetes, not by Multus)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "namespace", "ips", "mac", "infiniband-guid", "interface", "portMappings",
        "bandwidth", "deviceID", "cni-args", "default-route", "ipam-claim-reference"})
public record NetworkSelectionElement(
        @JsonProperty("name") String name,
        @JsonProperty("namespace") String namespace,
        @JsonProperty("ips") List<String> ips,
        @JsonProperty("mac") String mac,
        @JsonProperty("infiniband-guid") String infinibandGuid,
        @JsonProperty("interface") String interfaceName,
        @JsonProperty("portMappings") List<PortMapping> portMappings,
        @JsonProperty("bandwidth") Bandwidth bandwidth,
        @JsonProperty("deviceID") String deviceId,
        @JsonProperty("cni-args") ObjectNode cniArgs,
        @JsonProperty("default-route") List<String> defaultRoute,
        @JsonProperty("ipam-claim-reference") String ipamClaimReference) {

    /** @throws IllegalArgumentException when {@code name} is missing or empty */
    public NetworkSelectionElement {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("missing \"name\"");
        }
        namespace = emptyToNull(namespace);
        ips = ips == null ? List.of() : List.copyOf(ips);
        mac = emptyToNull(mac);
        infinibandGuid = emptyToNull(infinibandGuid);
        interfaceName = emptyToNull(interfaceName);
        portMappings = portMappings == null ? List.of() : List.copyOf(portMappings);
        deviceId = emptyToNull(deviceId);
        cniArgs = cniArgs == null ? null : cniArgs.deepCopy();
        defaultRoute = defaultRoute == null ? List.of() : List.copyOf(defaultRoute);
        ipamClaimReference = emptyToNull(ipamClaimReference);
    }

    /** A selection of {@code name} with nothing else requested. */
    public static NetworkSelectionElement of(String name) {
        return new NetworkSelectionElement(name, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    @JsonCreator
    static NetworkSelectionElement fromJson(
            @JsonProperty("name") String name,
            @JsonProperty("namespace") String namespace,
            @JsonProperty("ips") List<String> ips,
            @JsonProperty("mac") String mac,
            @JsonProperty("infiniband-guid") String infinibandGuid,
            @JsonProperty("interface") String interfaceName,
            @JsonProperty("interfaceRequest") String deprecatedInterfaceRequest,
            @JsonProperty("portMappings") List<PortMapping> portMappings,
            @JsonProperty("bandwidth") Bandwidth bandwidth,
            @JsonProperty("deviceID") String deviceId,
            @JsonProperty("cni-args") ObjectNode cniArgs,
            @JsonProperty("default-route") List<String> defaultRoute,
            @JsonProperty("ipam-claim-reference") String ipamClaimReference) {
        // Multus still honours the pre-3.2 key, but only when "interface" is not given.
        String requested = interfaceName == null || interfaceName.isEmpty()
                ? deprecatedInterfaceRequest : interfaceName;
        return new NetworkSelectionElement(name, namespace, ips, mac, infinibandGuid, requested,
                portMappings, bandwidth, deviceId, cniArgs, defaultRoute, ipamClaimReference);
    }

    /** A copy: the stored node is never handed out. */
    @Override
    public ObjectNode cniArgs() {
        return cniArgs == null ? null : cniArgs.deepCopy();
    }

    /**
     * A port mapping (CNI conventions, {@code portMappings} capability). The ports are always
     * written, as Multus does; zero is what an absent port reads as.
     */
    @JsonPropertyOrder({"hostPort", "containerPort", "protocol", "hostIP"})
    public record PortMapping(
            @JsonProperty("hostPort") int hostPort,
            @JsonProperty("containerPort") int containerPort,
            @JsonProperty("protocol") @JsonInclude(JsonInclude.Include.NON_EMPTY) String protocol,
            @JsonProperty("hostIP") @JsonInclude(JsonInclude.Include.NON_EMPTY) String hostIp) {
        public PortMapping {
            protocol = emptyToNull(protocol);
            hostIp = emptyToNull(hostIp);
        }
    }

    /**
     * Bandwidth limits (CNI conventions, {@code bandwidth} capability): rates in bits per second,
     * bursts in bits. All four are always written, as Multus does; zero is what an absent one
     * reads as.
     */
    @JsonPropertyOrder({"ingressRate", "ingressBurst", "egressRate", "egressBurst"})
    public record Bandwidth(
            @JsonProperty("ingressRate") long ingressRate,
            @JsonProperty("ingressBurst") long ingressBurst,
            @JsonProperty("egressRate") long egressRate,
            @JsonProperty("egressBurst") long egressBurst) {
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
