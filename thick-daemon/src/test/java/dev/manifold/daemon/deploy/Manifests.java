package dev.manifold.daemon.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Kubernetes manifests of the repository ({@code *.yaml} under {@code deploy/} and
 * {@code examples/}), one {@link Document} per YAML document, and typed access to
 * {@code deploy/manifold.yaml}.
 */
final class Manifests {
    static final Path DEPLOY = Path.of("deploy", "manifold.yaml");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    /** One document of a manifest file: its tree as written, and where it is. */
    record Document(Path file, int index, JsonNode tree) {
        String kind() {
            return tree.path("kind").asText();
        }

        String name() {
            return tree.path("metadata").path("name").asText();
        }

        /** The document as fabric8 reads it: a model class for every kind it knows. */
        Object typed() {
            return KUBERNETES.convertValue(tree, io.fabric8.kubernetes.api.model.KubernetesResource.class);
        }

        @Override
        public String toString() {
            return file + " #" + index + " (" + kind() + " " + name() + ")";
        }
    }

    private Manifests() {
    }

    /** The repository root: {@code manifold.projectRoot} (set by the build), else found upwards. */
    static Path root() {
        String configured = System.getProperty("manifold.projectRoot");
        if (configured != null && Files.isRegularFile(Path.of(configured).resolve(DEPLOY))) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(DEPLOY))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (" + DEPLOY + ")");
        }
        return dir;
    }

    /** Every document of every manifest, in file order. */
    static List<Document> all() {
        List<Document> documents = new ArrayList<>();
        for (String folder : List.of("deploy", "examples")) {
            try (Stream<Path> files = Files.walk(root().resolve(folder))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    documents.addAll(read(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return documents;
    }

    /** The non-empty documents of {@code file} (a comment-only document is skipped). */
    static List<Document> read(Path file) {
        Path shown = file.startsWith(root()) ? root().relativize(file) : file;
        List<Document> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            int index = 0;
            while (it.hasNextValue()) {
                JsonNode tree = it.nextValue();
                if (tree != null && !tree.isNull() && !tree.isMissingNode() && !tree.isEmpty()) {
                    documents.add(new Document(shown, index, tree));
                }
                index++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return documents;
    }

    /** The single {@code kind} object of {@code deploy/manifold.yaml}, as fabric8's model class. */
    static <T extends HasMetadata> T deployed(Class<T> type) {
        List<T> found = read(root().resolve(DEPLOY)).stream().map(Document::typed)
                .filter(type::isInstance).map(type::cast).toList();
        if (found.size() != 1) {
            throw new IllegalStateException(DEPLOY + " holds " + found.size() + " " + type.getSimpleName() + " objects, not 1");
        }
        return found.get(0);
    }
}
