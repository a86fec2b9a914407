package dev.manifold.daemon.route;

import dev.manifold.delegates.result.Result1x;
import dev.manifold.delegates.result.Route;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives one attachment the pod's default route(s) (a network selection's {@code default-route}):
 * removes the default routes of every other attachment in the namespace, installs the requested
 * gateways on the owner, and returns the results rewritten to match (so network-status and the
 * reply tell the truth).
 */
public final class DefaultRoutes {
    private final NetnsCommands ip;

    public DefaultRoutes(NetnsCommands ip) {
        this.ip = ip;
    }

    /** One attachment's interface and result; {@code gateways} non-empty only for the owner. */
    public record Attached(String ifName, Result1x result, List<String> gateways) {
        public boolean owner() {
            return !gateways.isEmpty();
        }
    }

    /** Applies the routes in {@code netns}; returns the results in the same order, rewritten. */
    public List<Result1x> apply(String netns, List<Attached> attachments) {
        List<Result1x> out = new ArrayList<>();
        for (Attached a : attachments) {
            if (a.owner()) {
                continue;
            }
            ip.ip(netns, "-4", "route", "flush", "exact", "0.0.0.0/0", "dev", a.ifName());
            ip.ip(netns, "-6", "route", "flush", "exact", "::/0", "dev", a.ifName());
        }
        for (Attached a : attachments) {
            List<Route> routes = new ArrayList<>(a.result().routes().stream().filter(r -> !r.isDefault()).toList());
            if (a.owner()) {
                for (String gw : a.gateways()) {
                    boolean v6 = gw.indexOf(':') >= 0;
                    ip.ip(netns, v6 ? "-6" : "-4", "route", "replace", "default", "via", gw, "dev", a.ifName());
                    routes.add(Route.of(v6 ? "::/0" : "0.0.0.0/0", gw));
                }
            }
            out.add(a.result().withRoutes(routes));
        }
        return out;
    }
}
