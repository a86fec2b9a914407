package dev.manifold.delegates.result;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniVersion;

import java.util.List;

/** A 1.0.0 or 1.1.0 result: the current shape, the only one the daemon works with. */
public record Result1x(CniVersion cniVersion, List<Interface> interfaces, List<IpConfig> ips,
                       List<Route> routes, Dns dns) implements CniResult {
    public Result1x {
        if (cniVersion.compareTo(CniVersion.V1_0_0) < 0) {
            throw new IllegalArgumentException("Result1x holds 1.0.0 or later, not " + cniVersion);
        }
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
        ips = ips == null ? List.of() : List.copyOf(ips);
        routes = routes == null ? List.of() : List.copyOf(routes);
        dns = dns == null ? Dns.empty() : dns;
    }

    @Override
    public ObjectNode toJson() {
        return ResultCodec.toJson(this);
    }

    public Result1x withRoutes(List<Route> newRoutes) {
        return new Result1x(cniVersion, interfaces, ips, newRoutes, dns);
    }

    public Result1x withIps(List<IpConfig> newIps) {
        return new Result1x(cniVersion, interfaces, newIps, routes, dns);
    }
}
