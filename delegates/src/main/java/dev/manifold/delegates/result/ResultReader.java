package dev.manifold.delegates.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the result shape of one version, checking it on the way. Every failure is code 6
 * (decoding failure) and names the JSON path, e.g. {@code ips[2].address: "10.0.0.1" is not a
 * CIDR}. Fields the version does not define are ignored, as Go's decoder does; JSON {@code null}
 * counts as absent.
 */
final class ResultReader {
    private static final int MAX_VALUE_IN_MESSAGE = 64;

    private ResultReader() {
    }

    /** 1.0.0 or 1.1.0; a 1.0.0 result's 1.1.0-only fields are ignored. */
    static Result1x read1x(ObjectNode json, CniVersion version) {
        boolean v11 = version.atLeast(CniVersion.V1_1_0);
        List<Interface> interfaces = interfaces(json, v11);
        return new Result1x(version, interfaces, ips(json, interfaces.size(), false),
                routes(json, "", v11), dns(json));
    }

    /** 0.3.0 to 0.4.0: an IP's {@code version}, if given, must match its address. */
    static Result04x read04x(ObjectNode json, CniVersion version) {
        List<Interface> interfaces = interfaces(json, false);
        return new Result04x(version, interfaces, ips(json, interfaces.size(), true),
                routes(json, "", false), dns(json));
    }

    /** 0.1.0 or 0.2.0: {@code ip4} must hold IPv4 and {@code ip6} IPv6. */
    static Result02x read02x(ObjectNode json, CniVersion version) {
        return new Result02x(version, legacyIp(json, "ip4", IpLiteral.Family.V4),
                legacyIp(json, "ip6", IpLiteral.Family.V6), dns(json));
    }

    private static List<Interface> interfaces(ObjectNode json, boolean v11) {
        ArrayNode entries = array(json, "interfaces", "");
        List<Interface> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = "interfaces[" + i + "]";
            ObjectNode o = object(entries.get(i), at);
            out.add(new Interface(text(o, "name", at), text(o, "mac", at),
                    v11 ? integer(o, "mtu", at) : null, text(o, "sandbox", at),
                    v11 ? text(o, "socketPath", at) : null, v11 ? text(o, "pciID", at) : null));
        }
        return out;
    }

    private static List<IpConfig> ips(ObjectNode json, int interfaceCount, boolean hasVersionField) {
        ArrayNode entries = array(json, "ips", "");
        List<IpConfig> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = "ips[" + i + "]";
            ObjectNode o = object(entries.get(i), at);
            String address = requiredText(o, "address", at);
            IpLiteral.Family family = cidr(address, at + ".address");
            String gateway = gateway(o, at);
            Integer index = integer(o, "interface", at);
            if (index != null && (index < 0 || index >= interfaceCount)) {
                throw bad(at + ".interface", index + " is out of range (the result has "
                        + interfaceCount + (interfaceCount == 1 ? " interface)" : " interfaces)"));
            }
            if (hasVersionField) {
                checkVersionField(o, family, at);
            }
            out.add(new IpConfig(index, address, gateway));
        }
        return out;
    }

    private static void checkVersionField(ObjectNode ip, IpLiteral.Family family, String at) {
        String version = text(ip, "version", at);
        String expected = family == IpLiteral.Family.V4 ? "4" : "6";
        if (version != null && !version.equals(expected)) {
            throw bad(at + ".version", quote(version) + " does not match the address, which is IPv" + expected);
        }
    }

    private static List<Route> routes(ObjectNode json, String at, boolean v11) {
        String where = at.isEmpty() ? "routes" : at + ".routes";
        ArrayNode entries = array(json, "routes", at);
        List<Route> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String rat = where + "[" + i + "]";
            ObjectNode o = object(entries.get(i), rat);
            String dst = requiredText(o, "dst", rat);
            cidr(dst, rat + ".dst");
            String gw = text(o, "gw", rat);
            if (gw != null && IpLiteral.familyOf(gw).isEmpty()) {
                throw bad(rat + ".gw", quote(gw) + " is not an IP address");
            }
            out.add(v11 ? new Route(dst, gw, integer(o, "mtu", rat), integer(o, "advmss", rat),
                    integer(o, "priority", rat), integer(o, "table", rat), integer(o, "scope", rat))
                    : Route.of(dst, gw));
        }
        return out;
    }

    private static Result02x.LegacyIp legacyIp(ObjectNode json, String key, IpLiteral.Family family) {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        ObjectNode o = object(node, key);
        String ip = requiredText(o, "ip", key);
        if (cidr(ip, key + ".ip") != family) {
            throw bad(key + ".ip", quote(ip) + " is not an IPv" + (family == IpLiteral.Family.V4 ? "4" : "6") + " CIDR");
        }
        return new Result02x.LegacyIp(ip, gateway(o, key), routes(o, key, false));
    }

    private static Dns dns(ObjectNode json) {
        JsonNode node = json.get("dns");
        if (node == null || node.isNull()) {
            return Dns.empty();
        }
        ObjectNode o = object(node, "dns");
        return new Dns(strings(o, "nameservers", "dns"), text(o, "domain", "dns"),
                strings(o, "search", "dns"), strings(o, "options", "dns"));
    }

    private static String gateway(ObjectNode o, String at) {
        String gateway = text(o, "gateway", at);
        if (gateway != null && IpLiteral.familyOf(gateway).isEmpty()) {
            throw bad(at + ".gateway", quote(gateway) + " is not an IP address");
        }
        return gateway;
    }

    private static IpLiteral.Family cidr(String value, String path) {
        return IpLiteral.familyOfCidr(value).orElseThrow(() -> bad(path, quote(value) + " is not a CIDR"));
    }

    private static String requiredText(ObjectNode o, String key, String at) {
        String value = text(o, key, at);
        if (value == null) {
            throw bad(path(at, key), "is missing");
        }
        return value;
    }

    private static String text(ObjectNode o, String key, String at) {
        JsonNode node = o.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw bad(path(at, key), "must be a string, not " + kind(node));
        }
        return node.asText();
    }

    private static Integer integer(ObjectNode o, String key, String at) {
        JsonNode node = o.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw bad(path(at, key), "must be a 32-bit integer");
        }
        return node.intValue();
    }

    private static List<String> strings(ObjectNode o, String key, String at) {
        ArrayNode entries = array(o, key, at);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            if (!entry.isTextual()) {
                throw bad(path(at, key) + "[" + i + "]", "must be a string");
            }
            out.add(entry.asText());
        }
        return out;
    }

    private static ArrayNode array(ObjectNode o, String key, String at) {
        JsonNode node = o.get(key);
        if (node == null || node.isNull()) {
            return o.arrayNode();
        }
        if (!node.isArray()) {
            throw bad(path(at, key), "must be an array, not " + kind(node));
        }
        return (ArrayNode) node;
    }

    private static ObjectNode object(JsonNode node, String path) {
        if (!node.isObject()) {
            throw bad(path, "must be an object, not " + kind(node));
        }
        return (ObjectNode) node;
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String path(String at, String key) {
        return at.isEmpty() ? key : at + "." + key;
    }

    private static String quote(String value) {
        return "\"" + (value.length() <= MAX_VALUE_IN_MESSAGE ? value
                : value.substring(0, MAX_VALUE_IN_MESSAGE - 3) + "...") + "\"";
    }

    static CniException bad(String path, String problem) {
        return new CniException(CniErrorCode.DECODING_FAILURE, "result: " + path + ": " + problem);
    }
}
