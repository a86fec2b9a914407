package dev.manifold.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The manifests of one folder under {@code examples/} (its {@code *.yaml}: the files a user
 * would {@code kubectl apply}), copied into a test {@link Node}'s standalone store with the few
 * values that depend on the machine replaced.
 *
 * <p>Substitutions are literal text replacements inside the NADs' {@code spec.config} and
 * nowhere else; pods are copied unchanged. Each substitution must match at least once: an
 * example edited under a test fails loudly instead of, say, running macvlan on the host's real
 * {@code eth0}. Immutable: {@link #replace} returns a new instance.
 */
final class ExampleManifests {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build();

    private final Path dir;
    private final Map<String, String> substitutions;

    private ExampleManifests(Path dir, Map<String, String> substitutions) {
        this.dir = dir;
        this.substitutions = substitutions;
    }

    /** The example {@code examples/<folder>} of this checkout. */
    static ExampleManifests of(String folder) {
        Path dir = Launchers.ROOT.resolve("examples").resolve(folder);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no example folder " + dir);
        }
        return new ExampleManifests(dir, Map.of());
    }

    /** A file of the example that is not a manifest (e.g. flannel's {@code subnet.env}). */
    Path file(String name) {
        return dir.resolve(name);
    }

    /** Replaces every occurrence of {@code literal} in the NAD configs by {@code replacement}. */
    ExampleManifests replace(String literal, String replacement) {
        Map<String, String> more = new LinkedHashMap<>(substitutions);
        more.put(literal, replacement);
        return new ExampleManifests(dir, more);
    }

    /**
     * Keeps host-local's allocations under {@code ipamDir} instead of the machine's
     * {@code /var/lib/cni/networks}, so a test can prove they are released.
     */
    ExampleManifests hostLocalDataDir(Path ipamDir) {
        return replace("\"type\": \"host-local\"", "\"type\": \"host-local\", \"dataDir\": \"" + ipamDir + "\"");
    }

    /** A pod the example declares ({@code metadata.namespace} absent means {@code default}). */
    ExamplePod pod(String name) {
        return documents().values().stream().flatMap(List::stream)
                .filter(doc -> doc.path("kind").asText().equals("Pod"))
                .filter(doc -> doc.path("metadata").path("name").asText().equals(name))
                .map(doc -> new ExamplePod(doc.path("metadata").path("namespace").asText("default"), name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(dir + " declares no pod " + name));
    }

    /** Writes every manifest file, substituted, into the node's store under its own file name. */
    void copyInto(Node node) {
        Map<String, Integer> matches = new LinkedHashMap<>();
        substitutions.keySet().forEach(literal -> matches.put(literal, 0));
        documents().forEach((file, docs) -> {
            docs.stream().filter(doc -> doc.path("kind").asText().equals("NetworkAttachmentDefinition"))
                    .forEach(nad -> substitute(file, nad, matches));
            node.storeFile(file, toYaml(file, docs));
        });
        matches.forEach((literal, count) -> {
            if (count == 0) {
                throw new IllegalStateException(dir + ": the substitution of " + literal + " matched no NAD config");
            }
        });
    }

    record ExamplePod(String namespace, String name) {
    }

    private void substitute(String file, JsonNode nad, Map<String, Integer> matches) {
        ObjectNode spec = (ObjectNode) nad.path("spec");
        String config = spec.path("config").asText();
        for (Map.Entry<String, String> s : substitutions.entrySet()) {
            matches.merge(s.getKey(), occurrences(config, s.getKey()), Integer::sum);
            config = config.replace(s.getKey(), s.getValue());
        }
        try {
            YAML.readTree(config);
        } catch (IOException e) {
            throw new IllegalStateException(dir.resolve(file) + ": the config of NAD "
                    + nad.path("metadata").path("name").asText() + " is no longer JSON after substitution: " + config, e);
        }
        spec.put("config", config);
    }

    private static int occurrences(String text, String literal) {
        int count = 0;
        for (int at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + literal.length())) {
            count++;
        }
        return count;
    }

    /** Each {@code *.yaml} of the folder (file name → its documents), sorted by name. */
    private Map<String, List<JsonNode>> documents() {
        Map<String, List<JsonNode>> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path file : s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                List<JsonNode> docs = new ArrayList<>();
                try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    it.forEachRemaining(doc -> {
                        if (doc != null && doc.isObject()) {
                            docs.add(doc);
                        }
                    });
                }
                files.put(file.getFileName().toString(), docs);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the example " + dir + ": " + e.getMessage(), e);
        }
        return files;
    }

    private String toYaml(String file, List<JsonNode> docs) {
        StringWriter out = new StringWriter();
        try (SequenceWriter w = YAML.writer().writeValues(out)) {
            w.writeAll(docs);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + " of " + dir + ": " + e.getMessage(), e);
        }
        return out.toString();
    }
}
