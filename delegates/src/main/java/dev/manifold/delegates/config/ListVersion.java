package dev.manifold.delegates.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The version a list runs at, and the candidates it was chosen from.
 *
 * @param candidates ascending; empty when the list has no {@code cniVersions}
 */
record ListVersion(CniVersion chosen, List<CniVersion> candidates) {
    ListVersion {
        candidates = List.copyOf(candidates);
    }

    static ListVersion ofSingle(NetConf conf) {
        return new ListVersion(conf.cniVersion(), List.of());
    }

    /**
     * As libcni's ConfListFromBytes: with {@code cniVersions}, the highest known version among its
     * entries and {@code cniVersion}, skipping unknown ones; else {@code cniVersion}.
     *
     * @throws CniException code 7 for a field of the wrong JSON type; code 1, prefixed with
     *         {@code where}, when no version is known
     */
    static ListVersion ofList(ObjectNode list, String where) {
        JsonNode single = list.get(ListShape.CNI_VERSION);
        if (single != null && !single.isTextual()) {
            throw ListShape.invalid(where + "\"cniVersion\" must be a string, not " + ConfigJson.describe(single));
        }
        String declared = single == null ? null : single.asText();
        List<String> entries = entries(list, where);
        if (entries.isEmpty()) {
            try {
                return new ListVersion(CniVersion.parse(declared), List.of());
            } catch (CniException e) {
                throw e.prefixed(where);
            }
        }
        TreeSet<CniVersion> known = new TreeSet<>();
        entries.stream().filter(CniVersion::isKnown).map(CniVersion::parse).forEach(known::add);
        if (CniVersion.isKnown(declared)) {
            known.add(CniVersion.parse(declared));
        }
        if (known.isEmpty()) {
            throw new CniException(CniErrorCode.INCOMPATIBLE_CNI_VERSION,
                    where + "none of the versions in \"cniVersions\" is supported",
                    "supported versions: " + CniVersion.wires(List.of(CniVersion.values())));
        }
        return new ListVersion(known.last(), new ArrayList<>(known));
    }

    private static List<String> entries(ObjectNode list, String where) {
        JsonNode versions = list.get(ListShape.CNI_VERSIONS);
        if (versions == null) {
            return List.of();
        }
        if (!versions.isArray()) {
            throw ListShape.invalid(where + "\"cniVersions\" must be an array, not " + ConfigJson.describe(versions));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            JsonNode v = versions.get(i);
            if (!v.isTextual()) {
                throw ListShape.invalid(where + "cniVersions[" + i + "] must be a string, not " + ConfigJson.describe(v));
            }
            out.add(v.asText());
        }
        return out;
    }
}
