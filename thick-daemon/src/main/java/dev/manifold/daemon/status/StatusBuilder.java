package dev.manifold.daemon.status;

import dev.manifold.crds.npwg.NetworkStatus;
import dev.manifold.delegates.result.Interface;
import dev.manifold.delegates.result.IpConfig;
import dev.manifold.delegates.result.Result1x;
import dev.manifold.delegates.result.Route;

import java.util.List;
import java.util.Optional;

/** One network-status entry from an attachment's result, as Multus writes it. */
public final class StatusBuilder {
    private StatusBuilder() {
    }

    /**
     * @param statusName {@code ns/name} of the NAD or the cluster network's config name
     * @param ifName     the interface requested in the pod
     * @param isDefault  whether this attachment owns the pod's default route
     */
    public static NetworkStatus of(String statusName, String ifName, boolean isDefault, Result1x result) {
        int podIf = podInterfaceIndex(result, ifName);
        Optional<Interface> iface = podIf >= 0 ? Optional.of(result.interfaces().get(podIf)) : Optional.empty();
        List<String> ips = result.ips().stream()
                .filter(ip -> ip.interfaceIndex() == null || podIf < 0 || ip.interfaceIndex() == podIf)
                .map(IpConfig::address).map(StatusBuilder::withoutPrefix).toList();
        List<String> gateways = result.routes().stream().filter(Route::isDefault)
                .map(Route::gw).filter(gw -> gw != null && !gw.isEmpty()).distinct().toList();
        var dns = result.dns();
        return new NetworkStatus(statusName, ifName, ips, iface.map(Interface::mac).orElse(null),
                iface.map(Interface::mtu).orElse(0) == null ? 0 : iface.map(Interface::mtu).orElse(0),
                isDefault, new NetworkStatus.Dns(dns.nameservers(), dns.domain(), dns.search(), dns.options()),
                null, isDefault ? gateways : List.of());
    }

    /** The result's interface inside the pod: the one named {@code ifName} with a sandbox. */
    private static int podInterfaceIndex(Result1x result, String ifName) {
        List<Interface> ifs = result.interfaces();
        for (int i = 0; i < ifs.size(); i++) {
            if (ifName.equals(ifs.get(i).name()) && ifs.get(i).sandbox() != null && !ifs.get(i).sandbox().isEmpty()) {
                return i;
            }
        }
        for (int i = 0; i < ifs.size(); i++) {
            if (ifName.equals(ifs.get(i).name())) {
                return i;
            }
        }
        return -1;
    }

    private static String withoutPrefix(String cidr) {
        int slash = cidr.indexOf('/');
        return slash < 0 ? cidr : cidr.substring(0, slash);
    }
}
