package dev.manifold.daemon.status;

import dev.manifold.delegates.result.Interface;
import dev.manifold.delegates.result.IpConfig;
import dev.manifold.delegates.result.Result1x;
import dev.manifold.delegates.result.Route;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.DNSBuilder;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkStatus;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkStatusBuilder;

import java.util.List;
import java.util.Optional;

/**
 * One network-status entry from an attachment's result, as Multus writes it. The entry is new on
 * every call and meant to be written right away (fabric8's model is mutable).
 */
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
        return new NetworkStatusBuilder().withName(statusName).withInterface(ifName).withIps(ips)
                .withMac(iface.map(Interface::mac).orElse(null))
                .withMtu(iface.map(Interface::mtu).filter(mtu -> mtu > 0).orElse(null))
                .withDefault(isDefault)
                .withDns(new DNSBuilder().withNameservers(dns.nameservers()).withDomain(dns.domain())
                        .withSearch(dns.search()).withOptions(dns.options()).build())
                .withGateway(isDefault ? gateways : List.of())
                .build();
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
