package dev.manifold.daemon.selection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manifold.crds.npwg.NetworkSelectionElement;
import dev.manifold.crds.npwg.NetworkSelectionElement.PortMapping;
import dev.manifold.crds.npwg.NpwgJson;
import dev.manifold.daemon.request.InterfaceNames;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.util.Optional;

/**
 * What the values of a selection element mean, checked: the element's shape is already right
 * (strings where strings belong), this makes sure each string is what it claims to be before any
 * plugin sees it. Multus checks {@code mac}, {@code infiniband-guid} and {@code ips} the same way;
 * the names, the interface, the gateways and the ports it leaves to fail later.
 */
final class ElementChecks {
    private static final int MAX_PORT = 65_535;

    private ElementChecks() {
    }

    /** @throws CniException code 7 naming the key and the bad value */
    static NetworkSelection toSelection(NetworkSelectionElement e, String defaultNamespace) {
        NadRef nad = new NadRef(e.namespace() == null ? defaultNamespace : e.namespace(), e.name());
        Optional<String> interfaceName = Optional.ofNullable(e.interfaceName());
        interfaceName.ifPresent(ElementChecks::checkInterface);
        e.ips().forEach(ip -> require(AddressSyntax.isIp(ip) || AddressSyntax.isCidr(ip),
                "\"ips\" entry \"" + Echo.brief(ip) + "\" is neither an IP address nor a CIDR"));
        Optional<String> mac = Optional.ofNullable(e.mac());
        mac.ifPresent(m -> require(AddressSyntax.hardwareAddressOctets(m) == 6, "\"mac\" \"" + Echo.brief(m)
                + "\" is not a MAC address (want 6 hex octets, e.g. 02:00:00:00:00:01)"));
        Optional<String> guid = Optional.ofNullable(e.infinibandGuid());
        guid.ifPresent(g -> require(AddressSyntax.hardwareAddressOctets(g) > 0, "\"infiniband-guid\" \""
                + Echo.brief(g) + "\" is not a GUID (want 8 hex octets, e.g. 02:00:00:00:00:00:00:01)"));
        e.defaultRoute().forEach(gw -> require(AddressSyntax.isIp(gw),
                "\"default-route\" entry \"" + Echo.brief(gw) + "\" is not an IP address"));
        for (int i = 0; i < e.portMappings().size(); i++) {
            checkPorts(i + 1, e.portMappings().get(i));
        }
        return new NetworkSelection(nad, interfaceName, e.ips(), mac, e.defaultRoute(),
                e.portMappings().isEmpty() ? Optional.empty() : Optional.of(NpwgJson.toTree(e.portMappings())),
                Optional.ofNullable(e.bandwidth()).map(NpwgJson::toTree),
                Optional.<JsonNode>ofNullable(e.cniArgs()),
                guid, Optional.ofNullable(e.deviceId()));
    }

    static void checkInterface(String name) {
        String problem = InterfaceNames.problem(name);
        require(problem == null, "\"interface\" \"" + Echo.brief(name) + "\" " + problem
                + " (want 1-15 bytes, no '/', ':' or white space, not \".\" or \"..\")");
    }

    private static void checkPorts(int entry, PortMapping mapping) {
        require(inRange(mapping.hostPort()) && inRange(mapping.containerPort()), "\"portMappings\" entry " + entry
                + ": ports must be 0-" + MAX_PORT + " (hostPort " + mapping.hostPort() + ", containerPort "
                + mapping.containerPort() + ")");
    }

    private static boolean inRange(int port) {
        return port >= 0 && port <= MAX_PORT;
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, problem);
        }
    }
}
