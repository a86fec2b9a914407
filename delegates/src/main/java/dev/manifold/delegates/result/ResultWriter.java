package dev.manifold.delegates.result;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniVersion;

import java.util.List;
import java.util.function.Function;

/**
 * Writes each result shape with the keys and key order of the Go library's types, so that a
 * runtime sees what a reference plugin of that version would print. Absent (null) optional
 * fields and empty lists are omitted; {@code dns} is always written for 0.3.0 and later, as an
 * empty object when there is none (Go's non-pointer struct), and omitted when empty for
 * 0.1.0/0.2.0. Fields newer than the result's version are never written.
 */
final class ResultWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResultWriter() {
    }

    static ObjectNode write(Result1x r) {
        boolean v11 = r.cniVersion().atLeast(CniVersion.V1_1_0);
        ObjectNode out = header(r.cniVersion());
        putList(out, "interfaces", r.interfaces(), i -> writeInterface(i, v11));
        putList(out, "ips", r.ips(), ip -> writeIp(ip, false));
        putList(out, "routes", r.routes(), route -> writeRoute(route, v11));
        out.set("dns", writeDns(r.dns()));
        return out;
    }

    static ObjectNode write(Result04x r) {
        ObjectNode out = header(r.cniVersion());
        putList(out, "interfaces", r.interfaces(), i -> writeInterface(i, false));
        putList(out, "ips", r.ips(), ip -> writeIp(ip, true));
        putList(out, "routes", r.routes(), route -> writeRoute(route, false));
        out.set("dns", writeDns(r.dns()));
        return out;
    }

    static ObjectNode write(Result02x r) {
        ObjectNode out = header(r.cniVersion());
        if (r.ip4() != null) {
            out.set("ip4", writeLegacyIp(r.ip4()));
        }
        if (r.ip6() != null) {
            out.set("ip6", writeLegacyIp(r.ip6()));
        }
        if (!r.dns().isEmpty()) {
            out.set("dns", writeDns(r.dns()));
        }
        return out;
    }

    private static ObjectNode header(CniVersion version) {
        ObjectNode out = NODES.objectNode();
        out.put("cniVersion", version.wire());
        return out;
    }

    private static ObjectNode writeInterface(Interface i, boolean v11) {
        ObjectNode out = NODES.objectNode();
        putText(out, "name", i.name());
        putText(out, "mac", i.mac());
        if (v11) {
            putInt(out, "mtu", i.mtu());
        }
        putText(out, "sandbox", i.sandbox());
        if (v11) {
            putText(out, "socketPath", i.socketPath());
            putText(out, "pciID", i.pciID());
        }
        return out;
    }

    private static ObjectNode writeIp(IpConfig ip, boolean withVersion) {
        ObjectNode out = NODES.objectNode();
        if (withVersion) {
            out.put("version", ip.isIpv6() ? "6" : "4");
        }
        putInt(out, "interface", ip.interfaceIndex());
        putText(out, "address", ip.address());
        putText(out, "gateway", ip.gateway());
        return out;
    }

    private static ObjectNode writeRoute(Route route, boolean v11) {
        ObjectNode out = NODES.objectNode();
        putText(out, "dst", route.dst());
        putText(out, "gw", route.gw());
        if (v11) {
            putInt(out, "mtu", route.mtu());
            putInt(out, "advmss", route.advmss());
            putInt(out, "priority", route.priority());
            putInt(out, "table", route.table());
            putInt(out, "scope", route.scope());
        }
        return out;
    }

    private static ObjectNode writeLegacyIp(Result02x.LegacyIp ip) {
        ObjectNode out = NODES.objectNode();
        putText(out, "ip", ip.ip());
        putText(out, "gateway", ip.gateway());
        putList(out, "routes", ip.routes(), route -> writeRoute(route, false));
        return out;
    }

    private static ObjectNode writeDns(Dns dns) {
        ObjectNode out = NODES.objectNode();
        putStrings(out, "nameservers", dns.nameservers());
        putText(out, "domain", dns.domain());
        putStrings(out, "search", dns.search());
        putStrings(out, "options", dns.options());
        return out;
    }

    private static <T> void putList(ObjectNode out, String key, List<T> items,
                                    Function<T, ObjectNode> writer) {
        if (!items.isEmpty()) {
            ArrayNode array = out.putArray(key);
            items.forEach(item -> array.add(writer.apply(item)));
        }
    }

    private static void putStrings(ObjectNode out, String key, List<String> items) {
        if (!items.isEmpty()) {
            ArrayNode array = out.putArray(key);
            items.forEach(array::add);
        }
    }

    private static void putText(ObjectNode out, String key, String value) {
        if (value != null && !value.isEmpty()) {
            out.put(key, value);
        }
    }

    private static void putInt(ObjectNode out, String key, Integer value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
