package dev.manifold.daemon.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The fields of a manifest that fabric8's model did not recognise. Its model classes never reject
 * an unknown field: they keep it in {@code additionalProperties}, so a typo such as
 * {@code hostNetwrok: true} loads fine and is then ignored — by the API server too, which prunes
 * unknown fields with a mere warning. This walks the loaded object and lists every such field by
 * its path.
 */
final class UnknownFields {
    private UnknownFields() {
    }

    /** Paths ({@code spec.template.spec.hostNetwrok}) of the fields nothing in the model declares. */
    static List<String> of(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, "", found);
        return found;
    }

    private static void walk(Object node, String path, List<String> found) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, join(path, String.valueOf(key)), found));
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (node == null || !node.getClass().getPackageName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (!isPropertyGetter(getter)) {
                continue;
            }
            Object value = get(getter, node);
            // JSONSchemaProps has a schema keyword of that name (not a Map): walked like any field.
            if (getter.getName().equals("getAdditionalProperties") && value instanceof Map<?, ?> extra) {
                extra.keySet().forEach(key -> found.add(join(path, String.valueOf(key))));
            } else {
                walk(value, join(path, property(getter)), found);
            }
        }
    }

    private static boolean isPropertyGetter(Method m) {
        return m.getName().startsWith("get") && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                && m.getDeclaringClass() != Object.class && !m.isDefault();
    }

    private static Object get(Method getter, Object node) {
        try {
            return getter.invoke(node);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
