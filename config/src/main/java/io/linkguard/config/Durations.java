package io.linkguard.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in the config: a whole number followed by a unit, one of {@code us}, {@code ms}, {@code s},
 * {@code m}, {@code h}; e.g. {@code 500ms}, {@code 2s}. Fractions ({@code 1.5s}) and bare numbers are
 * rejected with a message telling what to write instead.
 */
public final class Durations {

    /** Units from the smallest to the largest. */
    private static final SequencedMap<String, ChronoUnit> UNITS = new LinkedHashMap<>();

    static {
        UNITS.put("us", ChronoUnit.MICROS);
        UNITS.put("ms", ChronoUnit.MILLIS);
        UNITS.put("s", ChronoUnit.SECONDS);
        UNITS.put("m", ChronoUnit.MINUTES);
        UNITS.put("h", ChronoUnit.HOURS);
    }

    private static final Pattern WHOLE = Pattern.compile("([0-9]{1,15})([a-zA-Zµ]+)");
    private static final Pattern FRACTION = Pattern.compile("([0-9]*\\.[0-9]+)(us|ms|s|m|h)");
    private static final Pattern BARE_NUMBER = Pattern.compile("[0-9]+");
    private static final String UNIT_LIST = "us, ms, s, m or h";

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException with a message for the operator if {@code text} is not a duration
     */
    public static Duration parse(String text) {
        Matcher whole = WHOLE.matcher(text);
        if (whole.matches()) {
            ChronoUnit unit = UNITS.get(whole.group(2));
            if (unit == null) {
                throw new IllegalArgumentException("unknown unit " + YamlValues.quote(whole.group(2))
                        + " in " + YamlValues.quote(text) + " (use " + UNIT_LIST + ")");
            }
            return Duration.of(Long.parseLong(whole.group(1)), unit);
        }
        if (BARE_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("needs a unit, e.g. " + text + "s or " + text + "ms (got " + text + ")");
        }
        Matcher fraction = FRACTION.matcher(text);
        if (fraction.matches()) {
            String instead = wholeEquivalent(new BigDecimal(fraction.group(1)), fraction.group(2))
                    .map(w -> "write " + w + " instead of " + text)
                    .orElse("use a whole number of " + UNIT_LIST);
            throw new IllegalArgumentException("fractions are not supported: " + instead);
        }
        throw new IllegalArgumentException("not a duration: " + YamlValues.quote(text)
                + " (expected a whole number and a unit: " + UNIT_LIST + ", e.g. 500ms or 2s)");
    }

    /** Reads the duration at {@code field}, reporting problems. */
    public static Optional<Duration> read(Field field, ConfigProblems problems) {
        return YamlValues.text(field, problems).flatMap(text -> {
            try {
                return Optional.of(parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(field, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /**
     * Formats in the largest of us, ms, s, h that represents the duration exactly, e.g. {@code 10ms},
     * {@code 60s}, {@code 1h}. Minutes are not used so that limits like 60s read as written.
     */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos % 3_600_000_000_000L == 0 && nanos != 0) {
            return nanos / 3_600_000_000_000L + "h";
        }
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return nanos / 1_000L + "us";
    }

    /** 1.5s -> 1500ms: the same value as a whole number in the largest unit that allows it. */
    private static Optional<String> wholeEquivalent(BigDecimal amount, String unitName) {
        BigDecimal micros = amount.multiply(microsPer(unitName));
        if (micros.signum() == 0) {
            return Optional.of("0" + unitName);
        }
        if (micros.stripTrailingZeros().scale() > 0) {
            return Optional.empty();
        }
        for (String name : UNITS.sequencedKeySet().reversed()) {
            BigDecimal[] quotientAndRemainder = micros.divideAndRemainder(microsPer(name));
            if (quotientAndRemainder[1].signum() == 0) {
                return Optional.of(quotientAndRemainder[0].toBigInteger() + name);
            }
        }
        return Optional.empty();
    }

    private static BigDecimal microsPer(String unitName) {
        return BigDecimal.valueOf(UNITS.get(unitName).getDuration().toNanos() / 1000);
    }
}
