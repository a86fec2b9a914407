package dev.manifold.daemon.source.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD mock server plus the one field selector a real API server has and the mock lacks:
 * {@code spec.nodeName} on pods (the mock knows only {@code metadata.name}/{@code namespace} and
 * matches nothing for other fields). Pods created through it get a label holding their node, and
 * a {@code spec.nodeName=X} field selector becomes a selector on that label — for lists and watches
 * alike, so the node-scoped informer sees exactly what it would see on a cluster.
 */
final class NodeFieldSelectorDispatcher extends KubernetesCrudDispatcher {
    static final String NODE_LABEL = "mock.manifold.dev/node";
    private static final Pattern NODE_FIELD = Pattern.compile("fieldSelector=spec\\.nodeName%3D([^&]*)");
    private static final Pattern POD_COLLECTION = Pattern.compile("/api/v1/namespaces/[^/]+/pods/?(\\?.*)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        return super.dispatch(withNodeLabel(request));
    }

    private static RecordedRequest withNodeLabel(RecordedRequest request) {
        String path = request.getPath();
        Matcher field = NODE_FIELD.matcher(path);
        if (field.find()) {
            String label = URLEncoder.encode(NODE_LABEL + "=", StandardCharsets.UTF_8) + field.group(1);
            path = field.replaceFirst(Matcher.quoteReplacement("labelSelector=" + label));
        }
        Buffer body = request.getBody();
        if (request.method() == HttpMethod.POST && POD_COLLECTION.matcher(path).matches()) {
            body = new Buffer(labelled(request.getUtf8Body()));
        }
        return new RecordedRequest(request.getHttpVersion(), request.method(), path, request.getHeaders(), body);
    }

    private static byte[] labelled(String podJson) {
        try {
            ObjectNode pod = (ObjectNode) JSON.readTree(podJson);
            JsonNode node = pod.path("spec").path("nodeName");
            if (!node.isMissingNode() && !node.isNull()) {
                pod.withObjectProperty("metadata").withObjectProperty("labels").put(NODE_LABEL, node.asText());
            }
            return JSON.writeValueAsBytes(pod);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
