package io.linkguard.config;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ratios such as loss thresholds, written as a percentage ({@code 5%}) or a fraction of 1 ({@code 0.05}). */
public final class Ratios {

    private static final Pattern PERCENT = Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?)%");
    private static final Pattern NUMBER = Pattern.compile("-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Ratios() {
    }

    /**
     * Parses {@code 5%}, {@code 0.5%} or {@code 0.05} to a ratio 0..1.
     *
     * @throws IllegalArgumentException with a message for the operator
     */
    public static double parse(String text) {
        Matcher percent = PERCENT.matcher(text);
        if (percent.matches()) {
            BigDecimal value = new BigDecimal(percent.group(1));
            if (value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
                throw new IllegalArgumentException("must be between 0% and 100% (got " + text + ")");
            }
            return value.divide(HUNDRED).doubleValue();
        }
        if (NUMBER.matcher(text).matches()) {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() < 0) {
                throw new IllegalArgumentException("must be between 0% and 100% (got " + text + ")");
            }
            if (value.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("a bare number is a fraction of 1: write " + text + "% or "
                        + value.divide(HUNDRED).toPlainString() + " (got " + text + ")");
            }
            return value.doubleValue();
        }
        throw new IllegalArgumentException("not a percentage: " + YamlValues.quote(text) + " (write e.g. 5% or 0.05)");
    }

    /** Reads a ratio, reporting problems. */
    public static Optional<Double> read(Field field, ConfigProblems problems) {
        return YamlValues.text(field, problems).flatMap(text -> {
            try {
                return Optional.of(parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(field, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** A ratio as a percentage without trailing zeros: 0.05 -> {@code 5%}, 0.005 -> {@code 0.5%}. */
    public static String format(double ratio) {
        return BigDecimal.valueOf(ratio).multiply(HUNDRED).stripTrailingZeros().toPlainString() + "%";
    }
}
