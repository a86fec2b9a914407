package dev.manifold.daemon.source;

import java.util.Map;
import java.util.Optional;

/**
 * What the daemon needs to know of a pod: its identity, UID (empty when the source has none, e.g.
 * a standalone manifest without one) and annotations.
 */
public record PodInfo(PodRef ref, Optional<String> uid, Map<String, String> annotations) {
    public PodInfo {
        annotations = Map.copyOf(annotations);
    }

    public Optional<String> annotation(String key) {
        return Optional.ofNullable(annotations.get(key)).filter(v -> !v.isBlank());
    }
}
