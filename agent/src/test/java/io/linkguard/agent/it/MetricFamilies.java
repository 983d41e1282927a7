package io.linkguard.agent.it;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The metric families and sample names of one exposition (Prometheus text
 * format 0.0.4 or OpenMetrics), and whether a name a query uses is really
 * there in the form the query uses it. A histogram exists in PromQL only as
 * {@code _bucket}, {@code _sum} and {@code _count}; a counter as {@code _total}.
 */
final class MetricFamilies {
    private static final List<String> HISTOGRAM_SUFFIXES = List.of("_bucket", "_sum", "_count");

    /** Family name (as its TYPE line spells it) to type. */
    private final Map<String, String> types = new HashMap<>();
    private final Set<String> samples = new HashSet<>();

    private MetricFamilies() {
    }

    static MetricFamilies parse(String exposition) {
        MetricFamilies f = new MetricFamilies();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                if (parts.length >= 4) {
                    f.types.put(parts[2], parts[3]);
                }
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                f.samples.add(line.substring(0, end));
            }
        }
        return f;
    }

    /** The families the exposition declares, sorted: a short view of it for failure messages. */
    java.util.SortedSet<String> families() {
        return new java.util.TreeSet<>(types.keySet());
    }

    boolean hasSample(String name) {
        return samples.contains(name);
    }

    /** The type of the family a sample name belongs to, whichever way the format spells counters. */
    private Optional<String> typeOf(String family) {
        return Optional.ofNullable(types.get(family));
    }

    /**
     * Why {@code used} is not a series this exposition has, or empty if it is:
     * present as a sample, and of the family type its suffix implies.
     */
    Optional<String> problem(String used) {
        for (String suffix : HISTOGRAM_SUFFIXES) {
            if (used.endsWith(suffix)) {
                String base = used.substring(0, used.length() - suffix.length());
                Optional<String> type = typeOf(base);
                if (type.isPresent()) {
                    boolean ok = type.get().equals("histogram") || type.get().equals("gaugehistogram")
                            || (type.get().equals("summary") && !suffix.equals("_bucket"));
                    if (!ok) {
                        return Optional.of(base + " is a " + type.get() + ", it has no " + suffix + " series");
                    }
                    return hasSample(used) ? Optional.empty() : Optional.of("no " + used + " sample in /metrics");
                }
            }
        }
        if (used.endsWith("_total")) {
            String base = used.substring(0, used.length() - "_total".length());
            // 0.0.4 names the counter family with _total, OpenMetrics without.
            Optional<String> type = typeOf(used).or(() -> typeOf(base));
            if (type.isPresent() && !type.get().equals("counter")) {
                return Optional.of(used + " is a " + type.get() + ", not a counter");
            }
        }
        Optional<String> type = typeOf(used);
        if (type.isPresent() && (type.get().equals("histogram") || type.get().equals("summary"))) {
            return Optional.of(used + " is a " + type.get() + ": query " + used + "_bucket, _sum or _count");
        }
        if (hasSample(used)) {
            return Optional.empty();
        }
        if (typeOf(used + "_total").or(() -> typeOf(used)).filter("counter"::equals).isPresent()
                || hasSample(used + "_total")) {
            return Optional.of(used + " is a counter: query " + used + "_total");
        }
        return Optional.of("not in /metrics");
    }
}
