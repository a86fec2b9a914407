package dev.manifold.delegates.result;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts results between spec versions, always through {@link Result1x}: a result is first
 * lifted to 1.1.0 (which holds everything), then lowered to the target. The steps and what they
 * lose:
 * <ul>
 *   <li><b>0.1.0/0.2.0 → 0.3.0 and later</b>: {@code ip4} then {@code ip6} become {@code ips}
 *       entries without an interface index (the old shape has no interfaces); their routes
 *       become top-level {@code routes}, those of {@code ip4} first. Nothing is lost.</li>
 *   <li><b>0.3.0/0.3.1/0.4.0 → 1.x</b>: the same data; the {@code version} of each IP is
 *       derived from its address whenever it is written, so dropping it loses nothing.</li>
 *   <li><b>1.1.0 → 1.0.0 or 0.x</b>: drops interface {@code mtu}, {@code socketPath},
 *       {@code pciID} and route {@code mtu}, {@code advmss}, {@code priority}, {@code table},
 *       {@code scope}, which older versions do not define.</li>
 *   <li><b>→ 0.1.0/0.2.0</b>: drops all interfaces (and so the IPs' interface indexes); keeps
 *       only the first IP of each family, as libcni does, since {@code ip4}/{@code ip6} hold one
 *       each; puts each route under {@code ip4} or {@code ip6} by the family of its {@code dst},
 *       and drops a route whose family has no IP. DNS is kept.</li>
 * </ul>
 * Converting to 0.1.0/0.2.0 a result that has no IP address at all fails with code 1
 * (incompatible CNI version), as libcni's conversion does: the old shape <em>is</em> the
 * {@code ip4}/{@code ip6} configuration, so a result without either would tell a 0.2.0 runtime
 * that the plugin configured nothing, while it may have created interfaces, routes or DNS that
 * would silently vanish. A reference plugin asked for 0.2.0 fails in the same case.
 * Conversion to the result's own version normalises but does not otherwise change it. Every
 * {@link CniVersion} is a valid target: the switches over it are exhaustive, so a new version
 * fails to compile here until its conversion is written.
 */
public final class ResultConverter {
    private ResultConverter() {
    }

    /**
     * {@code result} in the shape of {@code target}.
     *
     * @throws CniException code 1 when {@code target} cannot hold it (see the class comment)
     */
    public static CniResult convert(CniResult result, CniVersion target) {
        Result1x current = toCurrent(result, CniVersion.V1_1_0);
        return switch (target) {
            case V0_1_0, V0_2_0 -> toLegacy(current, target);
            case V0_3_0, V0_3_1, V0_4_0 -> {
                Result1x older = withoutV11Fields(current);
                yield new Result04x(target, older.interfaces(), older.ips(), older.routes(), older.dns());
            }
            case V1_0_0, V1_1_0 -> toCurrent(current, target);
        };
    }

    /**
     * {@code result} as a {@link Result1x} of the given 1.x version (1.0.0 or 1.1.0).
     *
     * @throws IllegalArgumentException when {@code target} is older than 1.0.0
     */
    public static Result1x toCurrent(CniResult result, CniVersion target) {
        if (!target.atLeast(CniVersion.V1_0_0)) {
            throw new IllegalArgumentException("not a 1.x version: " + target);
        }
        Result1x lifted = switch (result) {
            case Result1x r -> r;
            // A Result04x built in code could carry 1.1.0 fields that its JSON cannot.
            case Result04x r -> withoutV11Fields(new Result1x(CniVersion.V1_1_0, r.interfaces(), r.ips(), r.routes(), r.dns()));
            case Result02x r -> fromLegacy(r);
        };
        Result1x fitted = target.atLeast(CniVersion.V1_1_0) ? lifted : withoutV11Fields(lifted);
        return new Result1x(target, fitted.interfaces(), fitted.ips(), fitted.routes(), fitted.dns());
    }

    /** {@code result} as a {@link Result1x} of 1.1.0 (nothing is lost going up). */
    public static Result1x toCurrent(CniResult result) {
        return toCurrent(result, CniVersion.LATEST);
    }

    private static Result1x fromLegacy(Result02x r) {
        List<IpConfig> ips = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        for (Result02x.LegacyIp ip : new Result02x.LegacyIp[] {r.ip4(), r.ip6()}) {
            if (ip != null) {
                ips.add(new IpConfig(null, ip.ip(), ip.gateway()));
                ip.routes().forEach(route -> routes.add(Route.of(route.dst(), route.gw())));
            }
        }
        return new Result1x(CniVersion.V1_1_0, List.of(), ips, routes, r.dns());
    }

    private static Result02x toLegacy(Result1x current, CniVersion target) {
        // Only the first IP of each family fits: ip4 and ip6 hold one address each.
        IpConfig first4 = current.ips().stream().filter(ip -> !ip.isIpv6()).findFirst().orElse(null);
        IpConfig first6 = current.ips().stream().filter(IpConfig::isIpv6).findFirst().orElse(null);
        if (first4 == null && first6 == null) {
            throw new CniException(CniErrorCode.INCOMPATIBLE_CNI_VERSION,
                    "cannot convert a result without IP addresses to " + target
                            + ": that version reports only ip4/ip6 configurations",
                    "the result has " + current.interfaces().size() + " interface(s), "
                            + current.routes().size() + " route(s) and "
                            + (current.dns().isEmpty() ? "no DNS" : "DNS") + " that would be lost");
        }
        List<Route> routes4 = new ArrayList<>();
        List<Route> routes6 = new ArrayList<>();
        for (Route route : current.routes()) {
            // A route of a family with no IP has nowhere to go and is dropped, as libcni does.
            (route.isIpv6() ? routes6 : routes4).add(Route.of(route.dst(), route.gw()));
        }
        return new Result02x(target, legacy(first4, routes4), legacy(first6, routes6), current.dns());
    }

    private static Result02x.LegacyIp legacy(IpConfig ip, List<Route> routes) {
        return ip == null ? null : new Result02x.LegacyIp(ip.address(), ip.gateway(), routes);
    }

    private static Result1x withoutV11Fields(Result1x r) {
        List<Interface> interfaces = r.interfaces().stream()
                .map(i -> new Interface(i.name(), i.mac(), null, i.sandbox(), null, null)).toList();
        List<Route> routes = r.routes().stream().map(route -> Route.of(route.dst(), route.gw())).toList();
        return new Result1x(r.cniVersion(), interfaces, r.ips(), routes, r.dns());
    }
}
