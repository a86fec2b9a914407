package dev.manifold.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request-scoped configuration ({@link ConfigParser#merge} of the forwarded config and the
 * daemon's, then {@link ConfigParser#parse}), worked out once per distinct forwarded config: every
 * request on a node carries the same {@code 00-multus.conf}, so merging and parsing it again for
 * each one is wasted work. Only the daemon keys of the forwarded config ({@link ConfigParser#KNOWN})
 * can change the outcome, so only they make up the key: per-pod fields ({@code runtimeConfig},
 * {@code args}) do not multiply the entries. At most {@value #MAX_ENTRIES} are kept (the map is
 * emptied when full). Thread-safe.
 */
public final class RequestConfigs {
    static final int MAX_ENTRIES = 16;

    private final ObjectNode daemonConfig;
    private final Map<JsonNode, DaemonConfig> parsed = new ConcurrentHashMap<>();

    /** @param daemonConfig the daemon's own config file, as read; copied */
    public RequestConfigs(ObjectNode daemonConfig) {
        this.daemonConfig = daemonConfig.deepCopy();
    }

    /**
     * The configuration that applies to a request whose forwarded config is {@code requestConfig}.
     *
     * @throws dev.manifold.delegates.spec.CniException code 7 naming a key of the wrong type (not
     *         remembered: the next request is checked again)
     */
    public DaemonConfig of(ObjectNode requestConfig) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        requestConfig.properties().forEach(e -> {
            if (ConfigParser.KNOWN.contains(e.getKey())) {
                key.set(e.getKey(), e.getValue());
            }
        });
        DaemonConfig known = parsed.get(key);
        if (known != null) {
            return known;
        }
        DaemonConfig cfg = ConfigParser.parse(ConfigParser.merge(key, daemonConfig), unused -> { });
        if (parsed.size() >= MAX_ENTRIES) {
            parsed.clear();
        }
        parsed.put(key.deepCopy(), cfg);
        return cfg;
    }
}
