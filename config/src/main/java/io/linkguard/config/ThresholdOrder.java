package io.linkguard.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * Checks that one key of a mapping is less than another, either of which may be left to its default,
 * and reports it where the operator wrote something: at the lower key if it is set, else at the higher.
 */
public final class ThresholdOrder {

    private final YamlMapping mapping;
    private final ConfigProblems problems;

    public ThresholdOrder(YamlMapping mapping, ConfigProblems problems) {
        this.mapping = mapping;
        this.problems = problems;
    }

    /** Whether {@code low < high}; reports it otherwise, showing defaults as e.g. {@code 1% (default)}. */
    public <T extends Comparable<T>> boolean less(String lowKey, T low, String highKey, T high, Function<T, String> format) {
        if (low.compareTo(high) < 0) {
            return true;
        }
        Optional<Field> lowField = mapping.optional(lowKey);
        String lowText = lowKey + " " + shown(lowKey, low, format);
        String highText = highKey + " " + shown(highKey, high, format);
        if (lowField.isPresent()) {
            problems.add(lowField.get(), "must be less than " + highKey + " (got " + lowText + ", " + highText + ")");
        } else {
            Field highField = mapping.optional(highKey).orElseThrow(); // the defaults are in order
            problems.add(highField, "must be greater than " + lowKey + " (got " + highText + ", " + lowText + ")");
        }
        return false;
    }

    private <T> String shown(String key, T value, Function<T, String> format) {
        return mapping.optional(key).map(YamlValues::scalarText).orElse(format.apply(value) + " (default)");
    }
}
