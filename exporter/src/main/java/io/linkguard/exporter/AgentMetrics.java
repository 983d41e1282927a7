package io.linkguard.exporter;

import io.linkguard.probes.sched.LagListener;
import io.linkguard.core.supervise.Loops;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.Map;
import java.util.TreeMap;

/** Metrics about the agent itself: build, its own timing error, and the health of its loops. */
public final class AgentMetrics implements LagListener {
    /** Lag buckets: a healthy agent fires within tens of µs; a wedged one is seconds late. */
    static final double[] LAG_BUCKETS_SECONDS = {
            0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
            0.25, 0.5, 1};

    private final Histogram lag;
    private final Counter skipped;

    public AgentMetrics(PrometheusRegistry registry, String version, String node) {
        this(registry, version, node, Loops.process());
    }

    /** @param loops the supervised loops whose internal errors and heartbeats are exported */
    public AgentMetrics(PrometheusRegistry registry, String version, String node, Loops loops) {
        // Exposed as linkguard_internal_errors_total{thread}: one series per thread kind, the known kinds
        // (icmp_rx, tcp_connect, probe_timer, bfd, links, pmtu, alerts, failover, reload) from the start.
        CounterWithCallback.builder().name("linkguard_internal_errors")
                .help("Callbacks that threw inside a supervised loop (the loop went on), by thread kind")
                .labelNames("thread")
                .callback(cb -> loops.errorCounts().forEach((thread, n) -> cb.call(n, thread)))
                .register(registry);
        GaugeWithCallback.builder().name("linkguard_loop_heartbeat_age_seconds")
                .help("Time since each supervised loop last proved it runs; the systemd watchdog stops pinging"
                        + " when one exceeds its bound").unit(Unit.SECONDS).labelNames("thread")
                .callback(cb -> heartbeatAges(loops).forEach((thread, age) -> cb.call(age, thread)))
                .register(registry);
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

    /**
     * Seconds since each loop last beat, by thread name. Two live loops can share a name for a moment
     * (a link's failover thread while its restarted supervisor's old one finishes): one series per
     * name, the older beat, since the client refuses a scrape with two series of the same labels.
     */
    static Map<String, Double> heartbeatAges(Loops loops) {
        long now = loops.nanoTime();
        Map<String, Double> ages = new TreeMap<>();
        loops.beats().forEach(b -> ages.merge(b.thread(), Math.max(0, now - b.lastNanos()) / 1e9, Math::max));
        return ages;
    }

    @Override
    public void onLag(long lagNanos, long skippedSlots) {
        lag.observe(Math.max(0, lagNanos) / 1e9);
        if (skippedSlots > 0) {
            skipped.inc(skippedSlots);
        }
    }
}
