package io.linkguard.alerts;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** The registry as /metrics text, and small waits on dispatchers. Test helper. */
public final class Scrape {
    private Scrape() {
    }

    public static String text(PrometheusRegistry registry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The value of the series whose line starts with {@code series} (name and labels, as exposed). */
    public static double value(PrometheusRegistry registry, String series) {
        for (String line : text(registry).lines().toList()) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        throw new AssertionError("no series " + series + " in:\n" + text(registry));
    }

    /** Waits (bounded) until the dispatcher's channels satisfy {@code condition}. */
    public static boolean await(AlertDispatcher d, Predicate<List<ChannelStatus>> condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(d.status())) {
                return true;
            }
            FakeEndpoint.sleep(Duration.ofMillis(20));
        }
        return condition.test(d.status());
    }

    public static Predicate<List<ChannelStatus>> idle() {
        return s -> s.stream().allMatch(c -> c.queueDepth() == 0);
    }
}
