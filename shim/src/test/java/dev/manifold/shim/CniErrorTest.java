package dev.manifold.shim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CniErrorTest {

    @Test
    void givenDetails_whenToJson_thenWritesTheFourSpecFieldsInOneLine() {
        CniError error = new CniError("1.0.0", 11, "daemon \"down\"", "line1\nline2");

        assertThat(error.toJson()).isEqualTo(
                "{\"cniVersion\":\"1.0.0\",\"code\":11,\"msg\":\"daemon \\\"down\\\"\",\"details\":\"line1\\nline2\"}");
    }

    @Test
    void givenNoDetails_whenToJson_thenOmitsTheDetailsField() {
        CniError error = new CniError("0.4.0", 999, "broken", null);

        assertThat(error.toJson()).isEqualTo("{\"cniVersion\":\"0.4.0\",\"code\":999,\"msg\":\"broken\"}");
    }
}
