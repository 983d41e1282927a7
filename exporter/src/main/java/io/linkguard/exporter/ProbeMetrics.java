package io.linkguard.exporter;

import io.linkguard.probes.FailureReason;
import io.linkguard.probes.Probe;
import io.linkguard.probes.ProbeKind;
import io.linkguard.probes.ProbeListener;
import io.linkguard.probes.ProbeResult;
import io.linkguard.probes.ProbeStats;
import io.linkguard.probes.icmp.IcmpDropReason;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;

/**
 * The probe metrics. Every series of a probe is created when the probe is
 * registered, so a dashboard sees zeros rather than gaps before the first
 * failure. Results update pre-resolved data points: no label lookup per packet.
 */
public final class ProbeMetrics implements ProbeListener {
    /** RTT buckets in seconds: loopback and LAN (tens of µs) up to intercontinental tunnels (LA-Singapore ~170 ms). */
    static final double[] RTT_BUCKETS_SECONDS = {
            0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
            0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 2.5};

    static final List<FailureReason> ICMP_ERROR_REASONS = List.of(FailureReason.NETWORK_UNREACHABLE,
            FailureReason.HOST_UNREACHABLE, FailureReason.ADMIN_PROHIBITED, FailureReason.PORT_UNREACHABLE,
            FailureReason.TTL_EXCEEDED, FailureReason.PACKET_TOO_BIG, FailureReason.SEND_FAILED,
            FailureReason.PERMISSION_DENIED, FailureReason.OTHER);
    static final List<FailureReason> TCP_FAILURE_REASONS = List.of(FailureReason.TIMEOUT, FailureReason.REFUSED,
            FailureReason.HOST_UNREACHABLE, FailureReason.NETWORK_UNREACHABLE, FailureReason.ADMIN_PROHIBITED,
            FailureReason.RESET, FailureReason.PERMISSION_DENIED, FailureReason.ADDRESS_UNAVAILABLE,
            FailureReason.OTHER);

    private record Key(String link, ProbeKind kind, String target) {
    }

    /** The pre-resolved data points of one probe. */
    private record Series(DistributionDataPoint rtt, CounterDataPoint requests, CounterDataPoint responses,
                          CounterDataPoint timeouts, CounterDataPoint late, CounterDataPoint duplicates,
                          Map<FailureReason, CounterDataPoint> failures) {
    }

    private final Histogram icmpRtt;
    private final Counter icmpRequests;
    private final Counter icmpReplies;
    private final Counter icmpTimeouts;
    private final Counter icmpLate;
    private final Counter icmpDuplicates;
    private final Counter icmpErrors;
    private final Histogram tcpConnect;
    private final Counter tcpConnects;
    private final Counter tcpSuccesses;
    private final Counter tcpFailures;
    private final Map<Key, Series> series = new ConcurrentHashMap<>();
    private final List<Probe> probes = new CopyOnWriteArrayList<>();

    public ProbeMetrics(PrometheusRegistry registry, ToLongFunction<IcmpDropReason> icmpDrops) {
        icmpRtt = Histogram.builder().name("linkguard_icmp_rtt_seconds")
                .help("ICMP echo round-trip time, kernel receive timestamp minus send time")
                .unit(io.prometheus.metrics.model.snapshots.Unit.SECONDS)
                .labelNames("link", "target").classicOnly().withoutExemplars().classicUpperBounds(RTT_BUCKETS_SECONDS).register(registry);
        icmpRequests = counter(registry, "linkguard_icmp_requests", "ICMP echo requests sent", "link", "target");
        icmpReplies = counter(registry, "linkguard_icmp_replies", "ICMP echo replies received within the timeout",
                "link", "target");
        icmpTimeouts = counter(registry, "linkguard_icmp_timeouts",
                "ICMP echo requests with no reply within the timeout", "link", "target");
        icmpLate = counter(registry, "linkguard_icmp_late_replies",
                "ICMP echo replies that arrived after their timeout (already counted as lost)", "link", "target");
        icmpDuplicates = counter(registry, "linkguard_icmp_duplicate_replies",
                "ICMP echo replies to a request already answered", "link", "target");
        icmpErrors = counter(registry, "linkguard_icmp_errors",
                "ICMP echo requests answered by an ICMP error or refused by the local stack, by reason",
                "link", "target", "reason");
        tcpConnect = Histogram.builder().name("linkguard_tcp_connect_seconds")
                .help("TCP handshake time: connect() until the socket is writable")
                .unit(io.prometheus.metrics.model.snapshots.Unit.SECONDS)
                .labelNames("link", "target").classicOnly().withoutExemplars().classicUpperBounds(RTT_BUCKETS_SECONDS).register(registry);
        tcpConnects = counter(registry, "linkguard_tcp_connects", "TCP connect attempts", "link", "target");
        tcpSuccesses = counter(registry, "linkguard_tcp_connect_successes", "TCP connects that completed",
                "link", "target");
        tcpFailures = counter(registry, "linkguard_tcp_connect_failures", "TCP connects that failed, by reason",
                "link", "target", "reason");

        GaugeWithCallback.builder().name("linkguard_probe_loss_ratio")
                .help("Lost / completed probes over the last window of each probe (0..1)")
                .labelNames("link", "probe", "target")
                .callback(cb -> forEachProbe((p, s) -> {
                    if (s.windowSize() > 0) {
                        cb.call(s.windowLossRatio(), p.link(), p.kind().label(), p.target());
                    }
                })).register(registry);
        GaugeWithCallback.builder().name("linkguard_probe_window_probes")
                .help("Completed probes currently in the loss window")
                .labelNames("link", "probe", "target")
                .callback(cb -> forEachProbe((p, s) -> cb.call(s.windowSize(), p.link(), p.kind().label(), p.target())))
                .register(registry);
        GaugeWithCallback.builder().name("linkguard_probe_jitter_seconds")
                .help("RFC 3550 interarrival jitter of the round-trip time")
                .unit(io.prometheus.metrics.model.snapshots.Unit.SECONDS)
                .labelNames("link", "probe", "target")
                .callback(cb -> forEachProbe((p, s) -> cb.call(s.jitterSeconds(), p.link(), p.kind().label(), p.target())))
                .register(registry);
        CounterWithCallback.builder().name("linkguard_icmp_rx_dropped")
                .help("Received ICMP messages not counted as a reply to our probes, by reason")
                .labelNames("reason")
                .callback(cb -> {
                    for (IcmpDropReason r : IcmpDropReason.values()) {
                        cb.call(icmpDrops.applyAsLong(r), r.label());
                    }
                }).register(registry);
    }

    private static Counter counter(PrometheusRegistry registry, String name, String help, String... labels) {
        // No exemplars: there is no trace context, and the exemplar sampler runs a scheduler thread.
        return Counter.builder().name(name).help(help).labelNames(labels).withoutExemplars().register(registry);
    }

    private void forEachProbe(java.util.function.BiConsumer<Probe, ProbeStats.Snapshot> action) {
        for (Probe p : probes) {
            action.accept(p, p.stats());
        }
    }

    /** Creates every series of {@code probe} up front. */
    public void register(Probe probe) {
        probes.add(probe);
        String l = probe.link();
        String t = probe.target();
        Map<FailureReason, CounterDataPoint> failures = new EnumMap<>(FailureReason.class);
        Series s;
        if (probe.kind() == ProbeKind.ICMP) {
            for (FailureReason r : ICMP_ERROR_REASONS) {
                failures.put(r, icmpErrors.labelValues(l, t, r.label()));
            }
            s = new Series(icmpRtt.labelValues(l, t), icmpRequests.labelValues(l, t), icmpReplies.labelValues(l, t),
                    icmpTimeouts.labelValues(l, t), icmpLate.labelValues(l, t), icmpDuplicates.labelValues(l, t),
                    failures);
        } else {
            for (FailureReason r : TCP_FAILURE_REASONS) {
                failures.put(r, tcpFailures.labelValues(l, t, r.label()));
            }
            s = new Series(tcpConnect.labelValues(l, t), tcpConnects.labelValues(l, t), tcpSuccesses.labelValues(l, t),
                    failures.get(FailureReason.TIMEOUT), null, null, failures);
        }
        series.put(new Key(l, probe.kind(), t), s);
    }

    /**
     * Drops every series of {@code probe} (a reload stopped it): a series that
     * stays after its probe is gone would read as a probe stuck at its last value.
     */
    public void unregister(Probe probe) {
        probes.remove(probe);
        Key key = new Key(probe.link(), probe.kind(), probe.target());
        series.remove(key);
        java.util.function.Function<List<String>, Boolean> mine =
                labels -> labels.get(0).equals(key.link()) && labels.get(1).equals(key.target());
        if (probe.kind() == ProbeKind.ICMP) {
            for (var m : List.of(icmpRequests, icmpReplies, icmpTimeouts, icmpLate, icmpDuplicates, icmpErrors)) {
                m.removeIf(mine);
            }
            icmpRtt.removeIf(mine);
        } else {
            for (var m : List.of(tcpConnects, tcpSuccesses, tcpFailures)) {
                m.removeIf(mine);
            }
            tcpConnect.removeIf(mine);
        }
    }

    @Override
    public void onResult(ProbeResult r) {
        Series s = series.get(new Key(r.link(), r.kind(), r.target()));
        if (s == null) {
            return;
        }
        switch (r.outcome()) {
            case SUCCESS -> {
                s.requests().inc();
                s.responses().inc();
                s.rtt().observe(r.rttSeconds());
            }
            case TIMEOUT -> {
                s.requests().inc();
                s.timeouts().inc();
            }
            case FAILED -> {
                s.requests().inc();
                CounterDataPoint c = s.failures().get(r.reason());
                (c != null ? c : s.failures().get(FailureReason.OTHER)).inc();
            }
            case LATE -> {
                if (s.late() != null) {
                    s.late().inc();
                }
            }
            case DUPLICATE -> {
                if (s.duplicates() != null) {
                    s.duplicates().inc();
                }
            }
        }
    }
}
