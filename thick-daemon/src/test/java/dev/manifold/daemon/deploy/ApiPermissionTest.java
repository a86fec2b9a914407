package dev.manifold.daemon.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ApiPermissionTest {
    @ParameterizedTest(name = "{0} {1} -> {2} {3} {4}")
    @CsvSource({
            "GET, /api/v1/pods?fieldSelector=spec.nodeName%3Dnode-a&resourceVersion=0, '', pods, list",
            "GET, /api/v1/pods?allowWatchBookmarks=true&watch=true, '', pods, watch",
            "GET, /api/v1/namespaces/team/pods/app, '', pods, get",
            "PATCH, /api/v1/namespaces/team/pods/app, '', pods, patch",
            "PUT, /api/v1/namespaces/team/pods/app/status, '', pods/status, update",
            "POST, /api/v1/namespaces/team/events, '', events, create",
            "GET, /apis/k8s.cni.cncf.io/v1/network-attachment-definitions, k8s.cni.cncf.io, network-attachment-definitions, list",
            "GET, /apis/k8s.cni.cncf.io/v1/namespaces/team/network-attachment-definitions/data, k8s.cni.cncf.io, network-attachment-definitions, get",
            "DELETE, /apis/k8s.cni.cncf.io/v1/namespaces/team/network-attachment-definitions, k8s.cni.cncf.io, network-attachment-definitions, deletecollection",
            "GET, /api/v1/namespaces/team, '', namespaces, get",
    })
    void givenRequest_whenMapped_thenGroupResourceAndVerbAreTheApiServers(String method, String path, String group,
                                                                           String resource, String verb) {
        assertThat(ApiPermission.of(method, path)).contains(new ApiPermission(group, resource, verb));
    }

    @ParameterizedTest
    @CsvSource({"GET, /version", "GET, /apis", "GET, /api", "GET, /apis/k8s.cni.cncf.io/v1"})
    void givenNonResourcePath_whenMapped_thenNoResourcePermission(String method, String path) {
        assertThat(ApiPermission.of(method, path)).isEmpty();
    }
}
