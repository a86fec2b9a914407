package dev.manifold.daemon.selection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manifold.crds.npwg.NpwgJson;
import dev.manifold.daemon.request.InterfaceNames;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkSelectionElement;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.PortMapEntry;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.PortMapEntryBuilder;

import java.util.List;
import java.util.Optional;

/**
 * What the values of a selection element mean, checked: the element's shape is already right
 * (strings where strings belong), this makes sure each string is what it claims to be before any
 * plugin sees it. Multus checks {@code mac}, {@code infiniband-guid} and {@code ips} the same way;
 * the names, the interface, the gateways and the ports it leaves to fail later. An empty string
 * means "absent", as it does for Multus.
 */
final class ElementChecks {
    private static final int MAX_PORT = 65_535;

    private ElementChecks() {
    }

    /** @throws CniException code 7 naming the key and the bad value */
    static NetworkSelection toSelection(NetworkSelectionElement e, String defaultNamespace) {
        NadRef nad = new NadRef(present(e.getNamespace()).orElse(defaultNamespace), e.getName());
        Optional<String> interfaceName = present(e.getInterface());
        interfaceName.ifPresent(ElementChecks::checkInterface);
        List<String> ips = orEmpty(e.getIps());
        ips.forEach(ip -> require(AddressSyntax.isIp(ip) || AddressSyntax.isCidr(ip),
                "\"ips\" entry \"" + Echo.brief(ip) + "\" is neither an IP address nor a CIDR"));
        Optional<String> mac = present(e.getMac());
        mac.ifPresent(m -> require(AddressSyntax.hardwareAddressOctets(m) == 6, "\"mac\" \"" + Echo.brief(m)
                + "\" is not a MAC address (want 6 hex octets, e.g. 02:00:00:00:00:01)"));
        Optional<String> guid = present(e.getInfinibandGuid());
        guid.ifPresent(g -> require(AddressSyntax.hardwareAddressOctets(g) > 0, "\"infiniband-guid\" \""
                + Echo.brief(g) + "\" is not a GUID (want 8 hex octets, e.g. 02:00:00:00:00:00:00:01)"));
        List<String> defaultRoute = orEmpty(e.getDefaultRoute());
        defaultRoute.forEach(gw -> require(AddressSyntax.isIp(gw),
                "\"default-route\" entry \"" + Echo.brief(gw) + "\" is not an IP address"));
        List<PortMapEntry> ports = orEmpty(e.getPortMappings()).stream().map(ElementChecks::asMultusPassesIt).toList();
        for (int i = 0; i < ports.size(); i++) {
            checkPorts(i + 1, ports.get(i));
        }
        return new NetworkSelection(nad, interfaceName, ips, mac, defaultRoute,
                ports.isEmpty() ? Optional.empty() : Optional.of(NpwgJson.toTree(ports)),
                NpwgJson.rawBandwidth(e).map(ElementChecks::bandwidthAsMultusPassesIt),
                e.getCniArgs() == null || e.getCniArgs().isEmpty()
                        ? Optional.empty() : Optional.<JsonNode>of(NpwgJson.toTree(e.getCniArgs())),
                guid, NpwgJson.deviceId(e));
    }

    static void checkInterface(String name) {
        String problem = InterfaceNames.problem(name);
        require(problem == null, "\"interface\" \"" + Echo.brief(name) + "\" " + problem
                + " (want 1-15 bytes, no '/', ':' or white space, not \".\" or \"..\")");
    }

    /**
     * The entry as Multus hands it to the plugin, having read it into its Go struct: both ports
     * always (0 when absent), protocol and hostIP only when not empty, unknown keys gone.
     */
    private static PortMapEntry asMultusPassesIt(PortMapEntry p) {
        return new PortMapEntryBuilder().withHostPort(orZero(p.getHostPort()))
                .withContainerPort(orZero(p.getContainerPort())).withProtocol(present(p.getProtocol()).orElse(null))
                .withHostIP(present(p.getHostIP()).orElse(null)).build();
    }

    private static final List<String> BANDWIDTH_KEYS = List.of("ingressRate", "ingressBurst", "egressRate", "egressBurst");

    /**
     * The limits as Multus hands them to the plugin, having read them into its Go struct of 64-bit
     * ints: all four always (0 when absent), unknown keys gone; each a non-negative integer.
     */
    private static JsonNode bandwidthAsMultusPassesIt(JsonNode b) {
        require(b.isObject(), "\"bandwidth\" must be an object {ingressRate, ingressBurst, egressRate, egressBurst}");
        com.fasterxml.jackson.databind.node.ObjectNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (String key : BANDWIDTH_KEYS) {
            JsonNode v = b.get(key);
            boolean absent = v == null || v.isNull();
            require(absent || (v.isIntegralNumber() && v.canConvertToLong() && v.asLong() >= 0),
                    "\"bandwidth\" \"" + key + "\" must be an integer, 0 or more (bits per second, or bits for bursts)");
            if (absent) {
                out.put(key, 0);
            } else {
                out.set(key, v.deepCopy());
            }
        }
        return out;
    }

    private static void checkPorts(int entry, PortMapEntry mapping) {
        require(inRange(mapping.getHostPort()) && inRange(mapping.getContainerPort()), "\"portMappings\" entry "
                + entry + ": ports must be 0-" + MAX_PORT + " (hostPort " + mapping.getHostPort()
                + ", containerPort " + mapping.getContainerPort() + ")");
    }

    private static boolean inRange(int port) {
        return port >= 0 && port <= MAX_PORT;
    }

    private static Optional<String> present(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, problem);
        }
    }
}
