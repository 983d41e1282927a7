package io.linkguard.exporter;

import io.linkguard.bfd.BfdDropReason;
import io.linkguard.bfd.engine.BfdEngine;
import io.linkguard.bfd.engine.BfdEventListener;
import io.linkguard.bfd.engine.BfdSessionView;
import io.linkguard.bfd.engine.BfdStateChange;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;
import io.linkguard.probes.Addresses;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * BFD metrics. State, intervals and packet counts are read at scrape time from
 * the snapshots the engine publishes and its counters in atomics, without taking
 * any lock of the engine; transitions are counted as they happen, by the
 * diagnostic that explains them, with every expected series created up front.
 */
public final class BfdMetrics implements BfdEventListener {
    /** The causes a session can go Down for, as series created at start (RFC 5880 §4.1 codes). */
    static final List<Diagnostic> DOWN_CAUSES = List.of(Diagnostic.CONTROL_DETECTION_TIME_EXPIRED,
            Diagnostic.ECHO_FUNCTION_FAILED, Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN, Diagnostic.PATH_DOWN,
            Diagnostic.ADMINISTRATIVELY_DOWN, Diagnostic.FORWARDING_PLANE_RESET, Diagnostic.NONE);

    private final Counter transitions;
    private final io.prometheus.metrics.core.metrics.Histogram echoRtt;

    /** Every BFD family, the engine-wide counters included. */
    public BfdMetrics(PrometheusRegistry registry, BfdEngine engine) {
        this(registry, engine::sessions, engine::dropped);
        CounterWithCallback.builder().name("linkguard_bfd_sends_refused")
                .help("BFD control packets whose send reported ECONNREFUSED: an ICMP port-unreachable came back "
                        + "for an earlier packet (each is retried once). If it keeps growing, check that the peer "
                        + "runs BFD on UDP 3784/4784 and that no firewall on the path rejects it.")
                .callback(cb -> cb.call(engine.sendsRefused())).register(registry);
        CounterWithCallback.builder().name("linkguard_bfd_echo_neighbors_refused")
                .help("Neighbour entries for a BFD Echo peer that could not be used (not a 6-byte Ethernet "
                        + "address); each costs an echo. If it grows, check 'ip neigh show' for the peer: the "
                        + "Echo function needs an Ethernet interface, else disable echo for that link.")
                .callback(cb -> cb.call(engine.neighborsRefused())).register(registry);
        CounterWithCallback.builder().name("linkguard_bfd_retirements_cut_short")
                .help("Removed BFD sessions closed before their AdminDown time was over (RFC 5880 §6.8.16) because "
                        + "a reload re-added a session to the same peer. Expected on reloads that change a BFD "
                        + "session; growth without reloads is a bug to report.")
                .callback(cb -> cb.call(engine.retirementsCutShort())).register(registry);
    }

    public BfdMetrics(PrometheusRegistry registry, Supplier<List<BfdSessionView>> sessions,
                      ToLongFunction<BfdDropReason> drops) {
        transitions = Counter.builder().name("linkguard_bfd_session_transitions")
                .help("BFD session state changes, by new state and the diagnostic that explains them")
                .labelNames("link", "peer", "to", "diagnostic").withoutExemplars().register(registry);
        echoRtt = io.prometheus.metrics.core.metrics.Histogram.builder().name("linkguard_bfd_echo_rtt_seconds")
                .help("BFD Echo round-trip time through the peer's forwarding plane (RFC 5880 §6.4)")
                .unit(Unit.SECONDS).labelNames("link", "peer").classicOnly().withoutExemplars()
                .classicUpperBounds(ProbeMetrics.RTT_BUCKETS_SECONDS).register(registry);
        CounterWithCallback.builder().name("linkguard_bfd_echo_packets_sent")
                .help("BFD Echo packets sent").labelNames("link", "peer")
                .callback(cb -> sessions.get().stream().filter(v -> v.config().echoInterval().isPresent())
                        .forEach(v -> cb.call(v.echoSent(), v.config().name(), peer(v))))
                .register(registry);
        CounterWithCallback.builder().name("linkguard_bfd_echo_packets_received")
                .help("BFD Echo packets that came back").labelNames("link", "peer")
                .callback(cb -> sessions.get().stream().filter(v -> v.config().echoInterval().isPresent())
                        .forEach(v -> cb.call(v.echoReceived(), v.config().name(), peer(v))))
                .register(registry);
        GaugeWithCallback.builder().name("linkguard_bfd_session_state")
                .help("BFD session state: 1 for the current state, 0 for the others")
                .labelNames("link", "peer", "state")
                .callback(cb -> {
                    for (BfdSessionView v : sessions.get()) {
                        for (BfdState s : BfdState.values()) {
                            cb.call(v.snapshot().sessionState() == s ? 1 : 0, v.config().name(), peer(v), s.label());
                        }
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("linkguard_bfd_transmit_interval_seconds")
                .help("Negotiated transmit interval, RFC 5880 §6.8.7").unit(Unit.SECONDS)
                .labelNames("link", "peer")
                .callback(cb -> sessions.get().forEach(v ->
                        cb.call(v.snapshot().txIntervalMicros() / 1e6, v.config().name(), peer(v))))
                .register(registry);
        GaugeWithCallback.builder().name("linkguard_bfd_detection_time_seconds")
                .help("Detection time in effect, RFC 5880 §6.8.4").unit(Unit.SECONDS)
                .labelNames("link", "peer")
                .callback(cb -> sessions.get().forEach(v ->
                        cb.call(v.snapshot().detectionTimeMicros() / 1e6, v.config().name(), peer(v))))
                .register(registry);
        CounterWithCallback.builder().name("linkguard_bfd_control_packets_received")
                .help("BFD control packets received by the session").labelNames("link", "peer")
                .callback(cb -> sessions.get().forEach(v ->
                        cb.call(v.snapshot().packetsReceived(), v.config().name(), peer(v))))
                .register(registry);
        CounterWithCallback.builder().name("linkguard_bfd_control_packets_sent")
                .help("BFD control packets sent by the session").labelNames("link", "peer")
                .callback(cb -> sessions.get().forEach(v ->
                        cb.call(v.snapshot().packetsTransmitted(), v.config().name(), peer(v))))
                .register(registry);
        CounterWithCallback.builder().name("linkguard_bfd_send_failures")
                .help("BFD control packets the local stack refused to send (no route, buffer full)")
                .labelNames("link", "peer")
                .callback(cb -> sessions.get().forEach(v -> cb.call(v.sendFailures(), v.config().name(), peer(v))))
                .register(registry);
        CounterWithCallback.builder().name("linkguard_bfd_rx_dropped")
                .help("Received BFD packets discarded, by reason (RFC 5880 §6.8.6, GTSM, authentication)")
                .labelNames("reason")
                .callback(cb -> {
                    for (BfdDropReason r : BfdDropReason.values()) {
                        cb.call(drops.applyAsLong(r), r.label());
                    }
                }).register(registry);
    }

    private static String peer(BfdSessionView v) {
        return Addresses.format(v.config().peer());
    }

    /** Creates the series of one session at zero. */
    public void register(String link, java.net.InetAddress peerAddress, boolean echo) {
        String p = Addresses.format(peerAddress);
        if (echo) {
            echoRtt.labelValues(link, p);
        }
        transitions.labelValues(link, p, BfdState.UP.label(), Diagnostic.NONE.label());
        transitions.labelValues(link, p, BfdState.ADMIN_DOWN.label(), Diagnostic.ADMINISTRATIVELY_DOWN.label());
        for (Diagnostic d : DOWN_CAUSES) {
            transitions.labelValues(link, p, BfdState.DOWN.label(), d.label());
        }
    }

    /** Drops the series of a session a reload removed; the callback series go with the session itself. */
    public void unregister(String link, java.net.InetAddress peerAddress) {
        String p = Addresses.format(peerAddress);
        java.util.function.Function<List<String>, Boolean> mine = l -> l.get(0).equals(link) && l.get(1).equals(p);
        transitions.removeIf(mine);
        echoRtt.removeIf(mine);
    }

    @Override
    public void onEchoRtt(String name, java.net.InetAddress peer, long rttNanos) {
        echoRtt.labelValues(name, Addresses.format(peer)).observe(rttNanos / 1e9);
    }

    @Override
    public void onStateChange(BfdStateChange c) {
        if (c.to() == BfdState.INIT) {
            return;
        }
        Diagnostic cause = c.to() == BfdState.UP ? Diagnostic.NONE : c.cause();
        transitions.labelValues(c.name(), Addresses.format(c.peer()), c.to().label(), cause.label()).inc();
    }
}
