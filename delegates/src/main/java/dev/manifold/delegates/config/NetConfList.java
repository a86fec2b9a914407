package dev.manifold.delegates.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniVersion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A network configuration list (conflist). A single plugin config can be lifted into a list of
 * one ({@link #parseAny(byte[])}), as libcni's ConfListFromConf does; {@link #isSingleConf()}
 * remembers that, and {@link #toBytes()} then writes the original single-config form. Immutable;
 * unknown fields, of the list and of every plugin, are preserved with their key order.
 */
public final class NetConfList {
    private static final String PLUGINS = ListShape.PLUGINS;

    /** The list object, {@code plugins} included; {@code null} for a lifted single config. */
    private final ObjectNode list;
    private final List<NetConf> plugins;
    private final ListVersion version;

    private NetConfList(ObjectNode list, List<NetConf> plugins, ListVersion version) {
        this.list = list;
        this.plugins = List.copyOf(plugins);
        this.version = version;
    }

    /**
     * A conflist ({@code plugins} array required, non-empty).
     *
     * @throws dev.manifold.delegates.spec.CniException code 6 for non-JSON or a JSON value that is not an object; code 7 for
     *         a missing {@code name}, a {@code plugins} that is missing, empty or not an array, a
     *         plugin entry that is not an object or has no string {@code type} (the message names
     *         the field and the plugin index, e.g. {@code plugins[1]: "type" is missing}), or a
     *         known field of the wrong JSON type; code 1 when no version of the list is known
     */
    public static NetConfList parse(byte[] json) {
        return ofList(ConfigJson.readObject(json, "network config list"));
    }

    /**
     * A conflist, or a single config (no {@code plugins} key) lifted into a list of one. Errors
     * as {@link #parse(byte[])} and {@link NetConf#parse(byte[])}.
     */
    public static NetConfList parseAny(byte[] json) {
        ObjectNode node = ConfigJson.readObject(json, "network config");
        return node.has(PLUGINS) ? ofList(node) : ofSingle(NetConf.of(node));
    }

    /**
     * A single config lifted into a list of one: the list's name and {@code cniVersion} are the
     * config's. A config without {@code name} gives a list whose {@link #name()} is empty; give it
     * one with {@link #withName(String)} before running it.
     */
    public static NetConfList ofSingle(NetConf conf) {
        return new NetConfList(null, List.of(conf), ListVersion.ofSingle(conf));
    }

    private static NetConfList ofList(ObjectNode list) {
        String where = ListShape.where(list);
        ListShape.requireName(list, where);
        ArrayNode entries = ListShape.requirePlugins(list, where);
        List<NetConf> plugins = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = where + PLUGINS + "[" + i + "]: ";
            plugins.add(NetConf.ofPlugin(ListShape.requireObject(entries.get(i), at).deepCopy(), at));
        }
        ListShape.requireFlag(list, ListShape.DISABLE_CHECK, where);
        ListShape.requireFlag(list, ListShape.DISABLE_GC, where);
        return new NetConfList(list, plugins, ListVersion.ofList(list, where));
    }

    /** The list's {@code name}; for a lifted single config without one, empty. */
    public String name() {
        if (list == null) {
            return plugins.get(0).name().orElse("");
        }
        return list.get(ListShape.NAME).asText();
    }

    /**
     * The version to run the list at. As libcni does: when the list has {@code cniVersions}
     * (1.1.0), the highest version Manifold knows among those entries and {@code cniVersion};
     * entries Manifold does not know are ignored. Otherwise {@code cniVersion}; absent means 0.1.0.
     */
    public CniVersion cniVersion() {
        return version.chosen();
    }

    /**
     * The candidates {@link #cniVersion()} chose from, sorted ascending: the known entries of
     * {@code cniVersions} plus {@code cniVersion} when it is known (libcni counts it too). Empty
     * when the list has no {@code cniVersions}.
     */
    public List<CniVersion> cniVersions() {
        return version.candidates();
    }

    /** {@code disableCheck}, a boolean or a boolean string as libcni accepts; false when absent. */
    public boolean disableCheck() {
        return list != null && ListShape.flag(list, ListShape.DISABLE_CHECK);
    }

    /** {@code disableGC}, a boolean or a boolean string as libcni accepts; false when absent. */
    public boolean disableGC() {
        return list != null && ListShape.flag(list, ListShape.DISABLE_GC);
    }

    /** The plugins as they stand in the list (without the list's name/cniVersion injected). */
    public List<NetConf> plugins() {
        return plugins;
    }

    /**
     * Plugin {@code index} as it is run: with the list's {@code name} and the given
     * {@code cniVersion} injected (libcni's buildOneConfig), nothing else changed. An empty list
     * name (a lifted single config without one) is not injected.
     *
     * @throws IndexOutOfBoundsException for an index outside {@link #plugins()}
     */
    public NetConf pluginToRun(int index, CniVersion version) {
        NetConf plugin = plugins.get(index);
        String name = name();
        return (name.isEmpty() ? plugin : plugin.withName(name)).withCniVersion(version);
    }

    public boolean isSingleConf() {
        return list == null;
    }

    /** A copy with {@code cniVersion} (and no {@code cniVersions}) set to {@code version}. */
    public NetConfList withCniVersion(CniVersion version) {
        if (list == null) {
            return ofSingle(plugins.get(0).withCniVersion(version));
        }
        ObjectNode copy = list.deepCopy();
        copy.put(ListShape.CNI_VERSION, version.wire());
        copy.remove(ListShape.CNI_VERSIONS);
        return new NetConfList(copy, plugins, ListVersion.ofList(copy, ""));
    }

    /** A copy with {@code name} replaced (for a single config, the config's name). */
    public NetConfList withName(String name) {
        if (list == null) {
            return ofSingle(plugins.get(0).withName(name));
        }
        ObjectNode copy = list.deepCopy();
        copy.put(ListShape.NAME, name);
        return new NetConfList(copy, plugins, version);
    }

    /** A copy in which every plugin got {@link NetConf#withCniArgs(ObjectNode)}. */
    public NetConfList withCniArgs(ObjectNode cniArgs) {
        List<NetConf> updated = plugins.stream().map(p -> p.withCniArgs(cniArgs)).toList();
        if (list == null) {
            return ofSingle(updated.get(0));
        }
        ObjectNode copy = list.deepCopy();
        ArrayNode entries = copy.putArray(PLUGINS);
        updated.forEach(p -> entries.add(p.json()));
        return new NetConfList(copy, updated, version);
    }

    /** The union of the plugins' true capabilities, in plugin order. */
    public Set<String> capabilities() {
        Set<String> union = new LinkedHashSet<>();
        plugins.forEach(p -> union.addAll(p.capabilities()));
        return Collections.unmodifiableSet(union);
    }

    /** A deep copy of the JSON as {@link #toBytes()} writes it: the single config when lifted. */
    public ObjectNode json() {
        return list == null ? plugins.get(0).json() : list.deepCopy();
    }

    /** Compact JSON: the original single-config form when {@link #isSingleConf()}. */
    public byte[] toBytes() {
        return list == null ? plugins.get(0).toBytes() : ConfigJson.write(list);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetConfList other && isSingleConf() == other.isSingleConf()
                && json().equals(other.json());
    }

    @Override
    public int hashCode() {
        return json().hashCode() * 31 + Boolean.hashCode(isSingleConf());
    }

    /** Names the list; never prints the config (it may hold credentials). */
    @Override
    public String toString() {
        return (list == null ? "single config " : "conflist ") + "\"" + name() + "\" ("
                + plugins.size() + (plugins.size() == 1 ? " plugin)" : " plugins)");
    }
}
