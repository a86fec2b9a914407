package dev.manifold.testkit.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyAttributes;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Run-wide settings of the fuzz properties ({@code @AddLifecycleHook(FuzzSettings.class)} on the
 * test class), from system properties (Maven passes {@code -D…} on to the tests):
 * {@code manifold.fuzz.seed} runs every property with that jqwik seed (the {@code seed = …} line
 * of jqwik's report); {@code manifold.fuzz.scale} multiplies every property's
 * {@code @Property(tries)} (e.g. {@code 10} for a long run; CI uses 1).
 */
public final class FuzzSettings implements AroundPropertyHook {
    public static final String SEED_PROPERTY = "manifold.fuzz.seed";
    public static final String SCALE_PROPERTY = "manifold.fuzz.scale";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PropertyAttributes attributes = context.attributes();
        String seed = System.getProperty(SEED_PROPERTY, "");
        if (!seed.isBlank()) {
            attributes.setSeed(seed.strip());
        }
        double scale = Double.parseDouble(System.getProperty(SCALE_PROPERTY, "1"));
        if (scale != 1) {
            attributes.tries().ifPresent(tries -> attributes.setTries((int) Math.max(1, Math.round(tries * scale))));
        }
        return property.execute();
    }

    /** Added to a test class, it applies to the class's properties. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    /** Outside jqwik's own hooks, which read the attributes when the property starts. */
    @Override
    public int aroundPropertyProximity() {
        return -100;
    }
}
