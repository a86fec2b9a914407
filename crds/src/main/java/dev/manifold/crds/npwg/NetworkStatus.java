package dev.manifold.crds.npwg;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One entry of the {@code k8s.v1.cni.cncf.io/network-status} pod annotation: what one attachment
 * got. Written with Multus's keys and key order, leaving out what is absent — except
 * {@code "dns"}, which Multus always writes ({@code "dns": {}} when there is no DNS information),
 * and so do we, so that the annotation reads the same whichever meta-plugin wrote it.
 *
 * <p>Absent strings are {@code null} (an empty string reads as absent), absent lists are empty,
 * {@code mtu} 0 means unknown, and {@code dns} is never {@code null}.
 *
 * @param name           {@code namespace/name} of the NAD, or the cluster network's config name
 * @param interfaceName  the interface in the pod ({@code interface})
 * @param ips            the attachment's IPs, without prefix length
 * @param mac            the interface's MAC address
 * @param mtu            the interface's MTU; 0 when unknown (left out when written)
 * @param defaultNetwork whether this is the cluster network ({@code default}; left out when false)
 * @param dns            DNS information from the plugin's result
 * @param deviceInfo     the device-info document of the device plugin or CNI plugin
 *                       ({@code device-info}: {@code {type, version, pci: {...}, ...}}), as is
 * @param gateway        the gateways of the attachment's default routes
 */
@JsonPropertyOrder({"name", "interface", "ips", "mac", "mtu", "default", "dns", "device-info", "gateway"})
public record NetworkStatus(
        @JsonProperty("name") String name,
        @JsonProperty("interface") @JsonInclude(JsonInclude.Include.NON_EMPTY) String interfaceName,
        @JsonProperty("ips") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> ips,
        @JsonProperty("mac") @JsonInclude(JsonInclude.Include.NON_EMPTY) String mac,
        @JsonProperty("mtu") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int mtu,
        @JsonProperty("default") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean defaultNetwork,
        @JsonProperty("dns") Dns dns,
        @JsonProperty("device-info") @JsonInclude(JsonInclude.Include.NON_NULL) ObjectNode deviceInfo,
        @JsonProperty("gateway") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> gateway) {

    /** @throws IllegalArgumentException when {@code name} is missing or {@code mtu} is negative */
    @JsonCreator
    public NetworkStatus {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("missing \"name\"");
        }
        if (mtu < 0) {
            throw new IllegalArgumentException("\"mtu\" must not be negative: " + mtu);
        }
        interfaceName = emptyToNull(interfaceName);
        ips = ips == null ? List.of() : List.copyOf(ips);
        mac = emptyToNull(mac);
        dns = dns == null ? Dns.EMPTY : dns;
        deviceInfo = deviceInfo == null ? null : deviceInfo.deepCopy();
        gateway = gateway == null ? List.of() : List.copyOf(gateway);
    }

    /** A copy: the stored node is never handed out. */
    @Override
    public ObjectNode deviceInfo() {
        return deviceInfo == null ? null : deviceInfo.deepCopy();
    }

    /** DNS information, as in a CNI result; every field is left out when empty. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"nameservers", "domain", "search", "options"})
    public record Dns(
            @JsonProperty("nameservers") List<String> nameservers,
            @JsonProperty("domain") String domain,
            @JsonProperty("search") List<String> search,
            @JsonProperty("options") List<String> options) {
        /** What Multus writes when a plugin reports no DNS: {@code {}}. */
        public static final Dns EMPTY = new Dns(null, null, null, null);

        public Dns {
            nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
            domain = emptyToNull(domain);
            search = search == null ? List.of() : List.copyOf(search);
            options = options == null ? List.of() : List.copyOf(options);
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
