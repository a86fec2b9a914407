package dev.manifold.delegates.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.config.NetConf;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.spec.CniArgs;
import dev.manifold.delegates.spec.CniVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Files under {@code fixtures/cache/} and the entries built from them. */
final class CacheFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CacheFixtures() {
    }

    static byte[] bytes(String name) {
        String path = "/fixtures/cache/" + name;
        try (InputStream in = CacheFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode object(String name) {
        try {
            return (ObjectNode) JSON.readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entry {@code entry-v1.json} describes. */
    static CachedAttachment bridgeEntry() {
        return bridgeEntry(new CacheKey("mynet", "c0ffee", "net1"));
    }

    static CachedAttachment bridgeEntry(CacheKey key) {
        JsonNode mapping = JSON.createArrayNode().addObject()
                .put("hostPort", 8080).put("containerPort", 80).put("protocol", "tcp");
        return new CachedAttachment(key, NetConfList.parse(bytes("bridge.conflist")),
                RuntimeConfig.empty().with("portMappings", JSON.createArrayNode().add(mapping)),
                CniArgs.parse("K8S_POD_NAMESPACE=default;K8S_POD_NAME=web"),
                Optional.of(CniResult.parse(bytes("result-1.0.0.json"), CniVersion.V1_0_0)));
    }

    /** A single (non-list) config, planned: no result yet. */
    static CachedAttachment plannedSingleEntry() {
        return new CachedAttachment(new CacheKey("solo", "c0ffee", "net2"),
                NetConfList.ofSingle(NetConf.parse(bytes("single.conf"))), RuntimeConfig.empty(),
                CniArgs.empty(), Optional.empty());
    }
}
