package io.linkguard.agent.health;

import java.time.Duration;
import java.util.Locale;

/** Figures written as operators read them in transition details: {@code 31.0%}, {@code 312.4ms}, {@code 10s}. */
final class DetailFormat {

    private DetailFormat() {
    }

    /** A ratio as a percentage with one decimal: 0.31 -> {@code 31.0%}. */
    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    /** Nanoseconds as milliseconds with one decimal: {@code 312.4ms}. */
    static String millis(double nanos) {
        return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
    }

    /** A configured duration in the largest whole unit: {@code 10s}, {@code 250ms}, {@code 500us}. */
    static String duration(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return nanos / 1_000L + "us";
    }
}
