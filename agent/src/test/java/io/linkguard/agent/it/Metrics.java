package io.linkguard.agent.it;

import java.util.LinkedHashMap;
import java.util.Map;

/** A minimal parser of the Prometheus text format: "name{labels} value" lines, by exact series text. */
final class Metrics {
    private final Map<String, Double> series = new LinkedHashMap<>();
    final String text;

    private Metrics(String text) {
        this.text = text;
    }

    static Metrics parse(String text) {
        Metrics m = new Metrics(text);
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int sp = line.lastIndexOf(' ');
            m.series.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
        }
        return m;
    }

    /** The value of one series, e.g. {@code linkguard_icmp_replies_total{link="t",target="198.18.0.2"}}; NaN if absent. */
    double get(String seriesText) {
        return series.getOrDefault(seriesText, Double.NaN);
    }

    @Override
    public String toString() {
        return text;
    }
}
