package dev.manifold.daemon.source.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.manifold.daemon.selection.NadRef;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The manifests of one folder ({@code *.yaml}, {@code *.yml}, {@code *.json}; multi-document
 * YAML allowed), parsed into fabric8 objects and re-read only when a file's size or modification
 * time changes. Objects of other kinds are ignored. A document that cannot be parsed is an error
 * naming its file (code 7): a broken store must be loud, not silently missing networks.
 */
final class ManifestFolder {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;
    private volatile Snapshot current = new Snapshot(List.of(), Map.of(), Map.of());

    ManifestFolder(Path dir) {
        this.dir = dir;
    }

    record Snapshot(List<String> fingerprint, Map<PodRef, Pod> pods, Map<NadRef, NetworkAttachmentDefinition> nads) {
        Optional<Pod> pod(PodRef ref) {
            return Optional.ofNullable(pods.get(ref));
        }

        Optional<NetworkAttachmentDefinition> nad(NadRef ref) {
            return Optional.ofNullable(nads.get(ref));
        }
    }

    Snapshot snapshot() {
        List<Path> files = manifestFiles();
        List<String> fingerprint = files.stream().map(ManifestFolder::fingerprint).toList();
        Snapshot snap = current;
        if (snap.fingerprint().equals(fingerprint)) {
            return snap;
        }
        synchronized (this) {
            if (current.fingerprint().equals(fingerprint)) {
                return current;
            }
            Map<PodRef, Pod> pods = new HashMap<>();
            Map<NadRef, NetworkAttachmentDefinition> nads = new HashMap<>();
            for (Path file : files) {
                load(file, pods, nads);
            }
            current = new Snapshot(fingerprint, Map.copyOf(pods), Map.copyOf(nads));
            return current;
        }
    }

    private List<Path> manifestFiles() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
            }).sorted().toList();
        } catch (IOException e) {
            throw new CniException(CniErrorCode.IO_FAILURE, "cannot list standaloneDir " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String fingerprint(Path file) {
        try {
            return file.getFileName() + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return file.getFileName() + ":gone";
        }
    }

    private static void load(Path file, Map<PodRef, Pod> pods, Map<NadRef, NetworkAttachmentDefinition> nads) {
        int doc = 0;
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (docs.hasNext()) {
                doc++;
                JsonNode node = docs.next();
                if (node == null || !node.isObject()) {
                    continue;
                }
                String kind = node.path("kind").asText();
                if (kind.equals("Pod")) {
                    Pod pod = JSON.treeToValue(node, Pod.class);
                    pods.put(new PodRef(namespaceOf(pod.getMetadata().getNamespace()), pod.getMetadata().getName()), pod);
                } else if (kind.equals("NetworkAttachmentDefinition")) {
                    NetworkAttachmentDefinition nad = JSON.treeToValue(node, NetworkAttachmentDefinition.class);
                    nads.put(new NadRef(namespaceOf(nad.getMetadata().getNamespace()), nad.getMetadata().getName()), nad);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG,
                    "standalone manifest " + file.getFileName() + " (document " + Math.max(doc, 1) + ") is invalid: "
                            + firstLine(e.getMessage()));
        }
    }

    private static String namespaceOf(String ns) {
        return ns == null || ns.isBlank() ? "default" : ns;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
