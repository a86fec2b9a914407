package dev.manifold.testkit.fuzz;

import net.jqwik.api.SampleReportingFormat;

/**
 * How jqwik shows a failing sample's strings and byte arrays: as escaped text (controls, NUL,
 * lone surrogates as {@code \}{@code uXXXX}), not raw characters or a list of byte values.
 * Registered in {@code META-INF/services/net.jqwik.api.SampleReportingFormat}.
 */
public final class ShownTextFormat implements SampleReportingFormat {
    @Override
    public boolean appliesTo(Object value) {
        return value instanceof String || value instanceof byte[];
    }

    @Override
    public Object report(Object value) {
        return SampleReportingFormat.plainLabel(CniOutcomes.show(value));
    }

    @Override
    public int priority() {
        return 10;
    }
}
