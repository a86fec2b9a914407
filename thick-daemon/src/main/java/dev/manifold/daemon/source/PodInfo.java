package dev.manifold.daemon.source;

import java.util.Map;
import java.util.Optional;

/**
 * What the daemon needs to know of a pod: its identity, UID (empty when the source has none, e.g.
 * a standalone manifest without one) and annotations. Annotations with a {@code null} key or value
 * are dropped (an API server or a hand-written manifest may carry {@code key: null}).
 */
public record PodInfo(PodRef ref, Optional<String> uid, Map<String, String> annotations) {
    public PodInfo {
        Map<String, String> present = new java.util.HashMap<>();
        annotations.forEach((k, v) -> {
            if (k != null && v != null) {
                present.put(k, v);
            }
        });
        annotations = Map.copyOf(present);
    }

    public Optional<String> annotation(String key) {
        return Optional.ofNullable(annotations.get(key)).filter(v -> !v.isBlank());
    }
}
