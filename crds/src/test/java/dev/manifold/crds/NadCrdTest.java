package dev.manifold.crds;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NadCrdTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    private static CustomResourceDefinition crd() throws Exception {
        return YAML.readValue(Fixtures.read(Nads.CRD_RESOURCE), CustomResourceDefinition.class);
    }

    @Test
    void givenClasspathCrd_whenRead_thenGroupAndNamesAreThoseOfTheNpwgCrd() throws Exception {
        CustomResourceDefinition crd = crd();

        assertThat(crd.getMetadata().getName()).isEqualTo(Nads.CRD_NAME)
                .isEqualTo("network-attachment-definitions.k8s.cni.cncf.io");
        assertThat(crd.getSpec().getGroup()).isEqualTo(Nads.GROUP);
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo(Nads.KIND);
        assertThat(crd.getSpec().getNames().getPlural()).isEqualTo(Nads.PLURAL);
        assertThat(crd.getSpec().getNames().getSingular()).isEqualTo(Nads.SINGULAR);
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly(Nads.SHORT_NAME);
    }

    @Test
    void givenClasspathCrd_whenRead_thenV1IsTheOnlyServedStorageVersion() throws Exception {
        List<CustomResourceDefinitionVersion> versions = crd().getSpec().getVersions();

        assertThat(versions).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo(Nads.VERSION);
            assertThat(v.getServed()).isTrue();
            assertThat(v.getStorage()).isTrue();
        });
    }

    @Test
    void givenClasspathCrd_whenRead_thenSpecConfigIsAnOptionalString() throws Exception {
        JSONSchemaProps schema = crd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();

        JSONSchemaProps spec = schema.getProperties().get("spec");
        assertThat(schema.getType()).isEqualTo("object");
        assertThat(spec.getType()).isEqualTo("object");
        assertThat(spec.getProperties()).containsOnlyKeys("config");
        assertThat(spec.getProperties().get("config").getType()).isEqualTo("string");
        // An empty config is meaningful (config from confDir), so nothing may be required.
        assertThat(schema.getRequired()).isNullOrEmpty();
        assertThat(spec.getRequired()).isNullOrEmpty();
    }

    @Test
    void givenClasspathCrd_whenRead_thenEverySchemaNodeHasADescription() throws Exception {
        JSONSchemaProps schema = crd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();

        List<String> undescribed = new ArrayList<>();
        Deque<Map.Entry<String, JSONSchemaProps>> todo = new ArrayDeque<>(List.of(Map.entry("(root)", schema)));
        while (!todo.isEmpty()) {
            Map.Entry<String, JSONSchemaProps> node = todo.pop();
            if (node.getValue().getDescription() == null || node.getValue().getDescription().isBlank()) {
                undescribed.add(node.getKey());
            }
            if (node.getValue().getProperties() != null) {
                node.getValue().getProperties().forEach((k, v) -> todo.push(Map.entry(node.getKey() + "." + k, v)));
            }
        }
        assertThat(undescribed).isEmpty();
    }

    @Test
    void givenTopLevelCrdFile_whenComparedToClasspathResource_thenTheyAreTheSameBytes() throws Exception {
        Path topLevel = Path.of(System.getProperty("manifold.projectRoot", "..")).resolve("crds")
                .resolve("network-attachment-definition.yaml");

        String onClasspath = Fixtures.read(Nads.CRD_RESOURCE);

        assertThat(onClasspath).isEqualTo(Files.readString(topLevel));
    }
}
