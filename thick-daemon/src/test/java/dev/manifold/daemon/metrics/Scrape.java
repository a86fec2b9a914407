package dev.manifold.daemon.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** The samples of a Prometheus text-format scrape, by series ({@code name{label="v",...}}). */
record Scrape(String text, Map<String, Double> samples) {
    static Scrape of(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new Scrape(text, Map.copyOf(samples));
    }

    /** The value of one series, e.g. {@code manifold_cni_requests_total{command="ADD",outcome="ok"}}. */
    OptionalDouble value(String series) {
        Double v = samples.get(series);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** Whether any series of metric {@code name} exists. */
    boolean has(String name) {
        return samples.keySet().stream().anyMatch(s -> s.equals(name) || s.startsWith(name + "{"));
    }
}
