package dev.manifold.crds;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NadsTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    private static NetworkAttachmentDefinition nad(String fixture) throws Exception {
        return YAML.readValue(Fixtures.read("fixtures/nad/" + fixture), NetworkAttachmentDefinition.class);
    }

    @Test
    void givenNadYaml_whenParsed_thenFabric8ModelHoldsIdentityAndAnnotations() throws Exception {
        NetworkAttachmentDefinition nad = nad("macvlan.yaml");

        assertThat(nad.getApiVersion()).isEqualTo(Nads.API_VERSION);
        assertThat(nad.getKind()).isEqualTo(Nads.KIND);
        assertThat(nad.getMetadata().getNamespace()).isEqualTo("team-a");
        assertThat(nad.getMetadata().getName()).isEqualTo("macvlan-conf");
        assertThat(nad.getMetadata().getAnnotations())
                .containsEntry(Annotations.RESOURCE_NAME, "intel.com/sriov_netdevice");
    }

    @Test
    void givenNadWithConfig_whenConfigOf_thenTheConfigStringIsReturnedUntouched() throws Exception {
        NetworkAttachmentDefinition nad = nad("macvlan.yaml");

        String config = Nads.configOf(nad).orElseThrow();

        assertThat(config).startsWith("{\n  \"cniVersion\": \"1.0.0\",").contains("\"type\": \"macvlan\"")
                .endsWith("}\n");
    }

    @Test
    void givenBlankConfig_whenConfigOf_thenEmpty() throws Exception {
        NetworkAttachmentDefinition nad = nad("config-from-file.yaml");

        assertThat(Nads.configOf(nad)).isEmpty();
    }

    @Test
    void givenNoSpec_whenConfigOf_thenEmpty() throws Exception {
        NetworkAttachmentDefinition nad = nad("no-spec.yaml");

        assertThat(Nads.configOf(nad)).isEmpty();
    }
}
