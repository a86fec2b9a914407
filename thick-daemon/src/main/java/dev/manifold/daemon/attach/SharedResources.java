package dev.manifold.daemon.attach;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manifold.delegates.config.NetConf;
import dev.manifold.delegates.config.NetConfList;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a delegate list touches on the node besides the pod's own interface: the rule that decides
 * which secondaries of one pod may be ADDed at the same time ({@code parallelSecondaries}). Two
 * lists whose claims intersect must run one after the other.
 *
 * <p>The rule, for the reference plugins only:
 * <ul>
 *   <li>every list claims its network {@code name}: host-local keeps one store per network name
 *       under a file lock, so two attachments of the same network (or of two NADs with the same
 *       config name) would only queue on that lock, and in sequence they get their addresses in
 *       plan order, as without parallelism;</li>
 *   <li>{@code bridge} claims its bridge ({@code cni0} when unset): two plugins finding the bridge
 *       missing would both try to create it, and both set its address when {@code isGateway};</li>
 *   <li>{@code macvlan}, {@code ipvlan} and {@code vlan} claim their {@code master} (the host's
 *       default-route link when unset), {@code host-device} the device it moves;</li>
 *   <li>{@code ptp} and {@code tuning} claim nothing more (ptp's host veth gets a random name);</li>
 *   <li>IPAM must be {@code host-local}, {@code static} or absent.</li>
 * </ul>
 * Any other plugin or IPAM type (portmap and firewall share iptables chains, sbr picks routing
 * tables, dhcp talks to a daemon, and third-party plugins are unknown) makes the list claim
 * {@link #everything()}: it runs alone.
 */
final class SharedResources {
    private static final String DEFAULT_ROUTE_LINK = "(default-route link)";
    private static final Map<String, Function<NetConf, Optional<String>>> LINK_CLAIMS = Map.of(
            "bridge", c -> Optional.of(text(c, "bridge").orElse("cni0")),
            "macvlan", c -> Optional.of(text(c, "master").orElse(DEFAULT_ROUTE_LINK)),
            "ipvlan", c -> Optional.of(text(c, "master").orElse(DEFAULT_ROUTE_LINK)),
            "vlan", c -> Optional.of(text(c, "master").orElse(DEFAULT_ROUTE_LINK)),
            "host-device", c -> Optional.of(text(c, "device").or(() -> text(c, "hwaddr"))
                    .or(() -> text(c, "kernelpath")).or(() -> text(c, "pciBusID")).orElse("(unnamed device)")),
            "ptp", c -> Optional.empty(),
            "tuning", c -> Optional.empty());
    private static final Set<String> IPAM_TYPES = Set.of("host-local", "static");

    private final Optional<Set<String>> claims;

    private SharedResources(Optional<Set<String>> claims) {
        this.claims = claims;
    }

    /** A list that may not overlap with anything. */
    static SharedResources everything() {
        return new SharedResources(Optional.empty());
    }

    static SharedResources of(NetConfList list) {
        Set<String> claims = new LinkedHashSet<>();
        claims.add("network " + list.name());
        for (NetConf plugin : list.plugins()) {
            Function<NetConf, Optional<String>> link = LINK_CLAIMS.get(plugin.type());
            if (link == null || plugin.ipamType().filter(t -> !IPAM_TYPES.contains(t)).isPresent()) {
                return everything();
            }
            link.apply(plugin).ifPresent(name -> claims.add("link " + name));
        }
        return new SharedResources(Optional.of(Set.copyOf(claims)));
    }

    boolean conflictsWith(SharedResources other) {
        if (claims.isEmpty() || other.claims.isEmpty()) {
            return true;
        }
        return other.claims.get().stream().anyMatch(claims.get()::contains);
    }

    @Override
    public String toString() {
        return claims.map(Object::toString).orElse("[everything]");
    }

    private static Optional<String> text(NetConf conf, String key) {
        return conf.field(key).filter(JsonNode::isTextual).map(JsonNode::asText).filter(s -> !s.isEmpty());
    }
}
