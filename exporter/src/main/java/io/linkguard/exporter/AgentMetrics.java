package io.linkguard.exporter;

import io.linkguard.probes.sched.LagListener;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/** Metrics about the agent itself: build, and its own timing error. */
public final class AgentMetrics implements LagListener {
    /** Lag buckets: a healthy agent fires within tens of µs; a wedged one is seconds late. */
    static final double[] LAG_BUCKETS_SECONDS = {
            0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
            0.25, 0.5, 1};

    private final Histogram lag;
    private final Counter skipped;

    public AgentMetrics(PrometheusRegistry registry, String version, String node) {
        Info.builder().name("linkguard_build_info").help("Build of the running agent; always 1")
                .labelNames("version", "java_version", "node").register(registry)
                .setLabelValues(version, System.getProperty("java.version"), node);
        lag = Histogram.builder().name("linkguard_probe_schedule_lag_seconds")
                .help("How late periodic probes fired after their due time: the agent's own timing error")
                .unit(Unit.SECONDS).classicOnly().withoutExemplars().classicUpperBounds(LAG_BUCKETS_SECONDS).register(registry);
        skipped = Counter.builder().name("linkguard_probe_schedule_skipped")
                .help("Probe slots skipped because the agent was more than a whole interval late").withoutExemplars()
                .register(registry);
        lag.observe(0); // created up front; one zero sample keeps the series from being empty
        skipped.inc(0);
    }

    @Override
    public void onLag(long lagNanos, long skippedSlots) {
        lag.observe(Math.max(0, lagNanos) / 1e9);
        if (skippedSlots > 0) {
            skipped.inc(skippedSlots);
        }
    }
}
