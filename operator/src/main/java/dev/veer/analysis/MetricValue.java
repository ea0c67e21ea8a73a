package dev.veer.analysis;

import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The result of a metric query as the conditions see it. A provider maps its answer to one of two shapes: a single
 * number (a scalar, or a query that returned exactly one sample), or a list (several samples, each a number, or
 * several series, each a list of numbers). No samples at all is the empty list. NaN and infinities are kept.
 */
public sealed interface MetricValue permits MetricValue.Number, MetricValue.Many {

    /** A single number, with the text the provider wrote it as. */
    static MetricValue of(double value, String text) {
        return new Number(value, text);
    }

    /** A single number. */
    static MetricValue of(double value) {
        return new Number(value, Number.format(value));
    }

    /** A list of values, in the provider's order. */
    static MetricValue list(List<? extends MetricValue> items) {
        return new Many(List.copyOf(items));
    }

    /** No samples. */
    static MetricValue empty() {
        return new Many(List.of());
    }

    /** True when the query returned no samples. */
    boolean isEmpty();

    /** The value when it is a single number. */
    OptionalDouble single();

    /** The value as the condition language takes it: a {@link Double}, or a {@link List} of values. */
    Object toCel();

    /** The value as shown in the status, for example {@code 0.0125} or {@code [0.1, NaN]}. */
    String text();

    /** A single number. */
    record Number(double value, String text) implements MetricValue {

        @Override
        public boolean isEmpty() {
            return false;
        }

        @Override
        public OptionalDouble single() {
            return OptionalDouble.of(value);
        }

        @Override
        public Object toCel() {
            return value;
        }

        /** Formats like Prometheus does: NaN, +Inf, -Inf, and the shortest decimal otherwise. */
        static String format(double value) {
            if (Double.isNaN(value)) {
                return "NaN";
            }
            if (Double.isInfinite(value)) {
                return value > 0 ? "+Inf" : "-Inf";
            }
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : Double.toString(value);
        }
    }

    /** A list of values: numbers, or lists of numbers (one per series of a range query). */
    record Many(List<MetricValue> items) implements MetricValue {

        @Override
        public boolean isEmpty() {
            return items.isEmpty();
        }

        @Override
        public OptionalDouble single() {
            return OptionalDouble.empty();
        }

        @Override
        public Object toCel() {
            return items.stream().map(MetricValue::toCel).toList();
        }

        @Override
        public String text() {
            return items.stream().map(MetricValue::text).collect(Collectors.joining(", ", "[", "]"));
        }
    }
}
