package dev.manifold.daemon.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every manifest a user applies ({@code deploy/}, {@code examples/}) loads into fabric8's model
 * classes with nothing left over: a wrong {@code kind} or {@code apiVersion}, a field of the wrong
 * type or a misspelt field fails the build instead of the {@code kubectl apply}, or worse, being
 * silently dropped by the API server.
 */
class ManifestsTest {
    static List<Manifests.Document> documents() {
        return Manifests.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void givenManifestDocument_whenLoaded_thenItIsATypeFabric8Knows(Manifests.Document document) {
        Object typed = document.typed();

        assertThat(typed).as(document.toString()).isInstanceOf(HasMetadata.class)
                .isNotInstanceOf(GenericKubernetesResource.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void givenManifestDocument_whenLoaded_thenNoFieldIsUnknown(Manifests.Document document) {
        List<String> unknown = UnknownFields.of(document.typed());

        assertThat(unknown).as(document.toString()).isEmpty();
    }

    @Test
    void givenMisspeltField_whenLoaded_thenReportedByItsPath() throws URISyntaxException {
        Path fixture = Path.of(getClass().getResource("/fixtures/deploy/daemonset-typo.yaml").toURI());
        Manifests.Document document = Manifests.read(fixture).get(0);

        List<String> unknown = UnknownFields.of(document.typed());

        assertThat(unknown).containsExactly("spec.template.spec.hostNetwrok");
    }

    @Test
    void givenMisspeltKind_whenLoaded_thenNotAKnownType() throws URISyntaxException {
        Path fixture = Path.of(getClass().getResource("/fixtures/deploy/kind-typo.yaml").toURI());

        Object typed = Manifests.read(fixture).get(0).typed();

        assertThat(typed).isInstanceOf(GenericKubernetesResource.class);
    }

    @Test
    void givenDeployManifest_whenItsCrdIsComparedWithTheCrdsFile_thenTheyAreEqual() {
        List<JsonNode> inDeploy = Manifests.read(Manifests.root().resolve(Manifests.DEPLOY)).stream()
                .filter(d -> d.kind().equals("CustomResourceDefinition")).map(Manifests.Document::tree).toList();

        List<JsonNode> inCrds = Manifests.read(Manifests.root().resolve("crds/network-attachment-definition.yaml"))
                .stream().map(Manifests.Document::tree).toList();

        assertThat(inDeploy).isEqualTo(inCrds);
    }
}
