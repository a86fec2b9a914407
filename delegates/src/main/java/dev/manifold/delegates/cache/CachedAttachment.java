package dev.manifold.delegates.cache;

import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.spec.CniArgs;

import java.util.Optional;

/**
 * What is needed to DEL or CHECK an attachment without any outside source: the exact config the
 * plugins ran with (unknown fields included), the runtime config and CNI_ARGS they got, and their
 * result (empty while only planned).
 */
public record CachedAttachment(CacheKey key, NetConfList config, RuntimeConfig runtime, CniArgs args,
                               Optional<CniResult> result) {
    public CachedAttachment withResult(CniResult newResult) {
        return new CachedAttachment(key, config, runtime, args, Optional.of(newResult));
    }
}
