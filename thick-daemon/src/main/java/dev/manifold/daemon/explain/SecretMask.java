package dev.manifold.daemon.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Hides the values of fields that look like credentials before a delegate config is shown.
 *
 * <p>The rule: a field name is split into words (at {@code _ - .} and at camelCase humps:
 * {@code apiToken} → api, token; {@code etcd_key_file} → etcd, key, file) and its value, whatever its
 * type, becomes {@value #MASK} when a word is one of {@link #SECRET_WORDS} — unless a word says the
 * value is where a secret is kept, not the secret ({@code file}, {@code path}, {@code dir}):
 * {@code tokenFile} and {@code etcd_key_file} are shown, as is {@code kubeconfig}. Objects and
 * arrays are searched at any depth. When in doubt this hides too much, never too little: a
 * harmless {@code key} (e.g. in a list of sysctls) is hidden too.
 */
final class SecretMask {
    static final String MASK = "****";
    static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "passphrase", "secret", "secrets", "token",
            "tokens", "key", "keys", "apikey", "privatekey", "credential", "credentials");
    private static final Set<String> LOCATION_WORDS = Set.of("file", "path", "dir");

    private SecretMask() {
    }

    /** A copy of {@code node} with the values of secret-looking fields replaced. */
    static JsonNode mask(JsonNode node) {
        JsonNode copy = node.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    static boolean isSecret(String fieldName) {
        String[] words = fieldName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).split("[\\s_.\\-]+");
        return Arrays.stream(words).anyMatch(SECRET_WORDS::contains) && Arrays.stream(words).noneMatch(LOCATION_WORDS::contains);
    }

    private static void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (var field : object.properties()) {
                if (isSecret(field.getKey())) {
                    field.setValue(TextNode.valueOf(MASK));
                } else {
                    maskInPlace(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(SecretMask::maskInPlace);
        }
    }
}
