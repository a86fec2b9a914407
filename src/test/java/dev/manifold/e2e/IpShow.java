package dev.manifold.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manifold.testkit.Commands;
import dev.manifold.testkit.Netns;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ip} shows of a pod's namespace or of the host, in the shapes the end-to-end tests
 * compare: JSON for links, one trimmed line per rule or route. Read-only.
 */
final class IpShow {
    private IpShow() {
    }

    /** {@code ip -d link show dev ifName} in the pod: kind under {@code linkinfo}, {@code mtu}, {@code address}. */
    static JsonNode link(Netns netns, String ifName) {
        return json(netns.run("ip", "-j", "-d", "link", "show", "dev", ifName)).get(0);
    }

    /** The MAC address of a host link. @throws IllegalStateException when the host has no such link */
    static String hostMac(String device) {
        return json(Commands.run("ip", "-j", "link", "show", "dev", device)).get(0).path("address").asText();
    }

    static boolean hostHasLink(String device) {
        return Commands.succeeds("ip", "link", "show", "dev", device);
    }

    /** The host links enslaved to {@code bridge}. */
    static List<String> bridgePorts(String bridge) {
        List<String> ports = new ArrayList<>();
        json(Commands.run("ip", "-j", "link", "show", "master", bridge)).forEach(l -> ports.add(l.path("ifname").asText()));
        return ports;
    }

    /** The pod's IPv4 policy rules as {@code ip rule} prints them, without priorities: {@code from all lookup main}. */
    static List<String> rules(Netns netns) {
        return netns.run("ip", "-4", "rule").lines().map(line -> line.substring(line.indexOf(':') + 1).strip()).toList();
    }

    /**
     * The IPv4 routes of one table of the pod as {@code ip route} prints them, cut after the
     * device ({@code default via 192.168.1.1 dev net1}); empty for an empty or unknown table.
     */
    static List<String> routes(Netns netns, String table) {
        return netns.run("ip", "-4", "route", "show", "table", table).lines()
                .map(line -> line.replaceAll("^(.*? dev \\S+).*$", "$1").strip()).toList();
    }

    private static JsonNode json(String text) {
        try {
            // ip prints nothing at all (not "[]") when nothing matches.
            return Node.JSON.readTree(text.isBlank() ? "[]" : text);
        } catch (IOException e) {
            throw new AssertionError("ip printed no JSON: " + text, e);
        }
    }
}
