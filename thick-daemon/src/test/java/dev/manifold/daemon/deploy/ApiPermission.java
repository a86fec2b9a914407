package dev.manifold.daemon.deploy;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What RBAC must allow for one API request: API group ({@code ""} for core), resource (with its
 * subresource, {@code pods/status}) and verb, as the API server derives them from method and path
 * (Kubernetes docs, "Determine the request verb"): GET of one object is {@code get}, of a
 * collection {@code list}, or {@code watch} with {@code watch=true}; POST {@code create}; PUT
 * {@code update}; PATCH {@code patch}; DELETE {@code delete}, or {@code deletecollection} for a
 * collection.
 */
record ApiPermission(String group, String resource, String verb) {
    /** The permission {@code method path} needs; empty for a non-resource path ({@code /version}). */
    static Optional<ApiPermission> of(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        List<String> parts = Stream.of(path.split("/")).filter(s -> !s.isEmpty()).toList();
        List<String> rest;
        String group;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            rest = parts.subList(3, parts.size());
        } else {
            return Optional.empty();
        }
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0) + (rest.size() >= 3 ? "/" + rest.get(2) : "");
        boolean oneObject = rest.size() >= 2;
        boolean watch = Stream.of(query.split("&")).anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
        String verb = switch (method) {
            case "GET" -> oneObject ? "get" : watch ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> oneObject ? "delete" : "deletecollection";
            default -> throw new IllegalArgumentException("HTTP method " + method + " on " + path);
        };
        return Optional.of(new ApiPermission(group, resource, verb));
    }

    /** Every permission a rule grants, one per group × resource × verb. */
    static Stream<ApiPermission> grantedBy(PolicyRule rule) {
        return rule.getApiGroups().stream().flatMap(group -> rule.getResources().stream()
                .flatMap(resource -> rule.getVerbs().stream().map(verb -> new ApiPermission(group, resource, verb))));
    }

    @Override
    public String toString() {
        return verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
    }
}
