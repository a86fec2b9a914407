package dev.manifold.delegates.result;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniVersion;

import java.util.List;

/**
 * A 0.1.0 or 0.2.0 result: at most one IPv4 and one IPv6 configuration, each with its own routes,
 * and no interfaces.
 *
 * @param ip4 {@code null} when there is none
 * @param ip6 {@code null} when there is none
 */
public record Result02x(CniVersion cniVersion, LegacyIp ip4, LegacyIp ip6, Dns dns) implements CniResult {
    public Result02x {
        if (!cniVersion.isLegacyResult()) {
            throw new IllegalArgumentException("Result02x holds 0.1.0 or 0.2.0, not " + cniVersion);
        }
        dns = dns == null ? Dns.empty() : dns;
    }

    /** {@code ip}: CIDR; {@code gateway}: address or {@code null}. */
    public record LegacyIp(String ip, String gateway, List<Route> routes) {
        public LegacyIp {
            routes = routes == null ? List.of() : List.copyOf(routes);
        }
    }

    @Override
    public ObjectNode toJson() {
        return ResultCodec.toJson(this);
    }
}
