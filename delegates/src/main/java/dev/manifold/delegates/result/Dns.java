package dev.manifold.delegates.result;

import java.util.List;

/** DNS information of a result. Empty lists and null strings are omitted from the JSON. */
public record Dns(List<String> nameservers, String domain, List<String> search, List<String> options) {
    public Dns {
        nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
        search = search == null ? List.of() : List.copyOf(search);
        options = options == null ? List.of() : List.copyOf(options);
    }

    public static Dns empty() {
        return new Dns(List.of(), null, List.of(), List.of());
    }

    public boolean isEmpty() {
        return nameservers.isEmpty() && domain == null && search.isEmpty() && options.isEmpty();
    }
}
