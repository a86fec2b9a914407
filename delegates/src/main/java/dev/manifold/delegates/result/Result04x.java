package dev.manifold.delegates.result;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniVersion;

import java.util.List;

/**
 * A 0.3.0, 0.3.1 or 0.4.0 result: like 1.0.0 but each IP carries {@code "version": "4"|"6"}
 * (derived from the address when written) and routes have only {@code dst}/{@code gw}.
 */
public record Result04x(CniVersion cniVersion, List<Interface> interfaces, List<IpConfig> ips,
                        List<Route> routes, Dns dns) implements CniResult {
    public Result04x {
        if (cniVersion.compareTo(CniVersion.V0_3_0) < 0 || cniVersion.compareTo(CniVersion.V0_4_0) > 0) {
            throw new IllegalArgumentException("Result04x holds 0.3.0 to 0.4.0, not " + cniVersion);
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
}
