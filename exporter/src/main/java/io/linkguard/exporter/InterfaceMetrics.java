package io.linkguard.exporter;

import io.linkguard.probes.netlink.LinkMessage;
import io.linkguard.probes.netlink.LinkStats64;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Each link's interface as the kernel counts it (rtnetlink IFLA_STATS64, read at scrape time: the kernel
 * announces state changes, not counter increments), and how often it was created, deleted, up or down. What
 * keepalived's {@code track_interface} and a Grafana panel of GRE traffic watch, on the same page as the
 * link's health. An interface that is absent has {@code linkguard_interface_up 0} and no counters.
 */
public final class InterfaceMetrics {
    /** The changes counted, created up front for every link with an interface. */
    public static final List<String> CHANGES = List.of("created", "deleted", "up", "down");
    /** One dump serves every family of one scrape. */
    private static final long DUMP_REUSE_NANOS = 500_000_000L;

    private final Map<String, String> interfaces = new ConcurrentHashMap<>();
    private final Supplier<Optional<List<LinkMessage>>> dump;
    private final Counter changes;
    private volatile Map<String, LinkMessage> lastDump = Map.of();
    private long lastDumpNanos;
    private volatile boolean dumped;

    /**
     * @param dump      the kernel's interfaces now (an RTM_GETLINK dump); empty if it cannot be read
     * @param resyncs   full re-reads of the kernel's tables after the watcher's socket overflowed (ENOBUFS)
     * @param malformed netlink messages that could not be decoded (skipped)
     */
    public InterfaceMetrics(PrometheusRegistry registry, Supplier<Optional<List<LinkMessage>>> dump, LongSupplier resyncs,
                            LongSupplier malformed) {
        this.dump = dump;
        changes = Counter.builder().name("linkguard_interface_changes")
                .help("Changes of a link's interface seen over rtnetlink: created, deleted, up (operationally),"
                        + " down").labelNames("link", "interface", "change").withoutExemplars().register(registry);
        GaugeWithCallback.builder().name("linkguard_interface_up")
                .help("1 if the link's interface exists and is operationally up (IFF_RUNNING, IFLA_OPERSTATE),"
                        + " else 0").labelNames("link", "interface")
                .callback(cb -> read().forEach((link, m) -> cb.call(m.present && m.message.operationallyUp()
                        ? 1 : 0, link, m.iface)))
                .register(registry);
        GaugeWithCallback.builder().name("linkguard_interface_mtu_bytes").unit(Unit.BYTES)
                .help("The MTU of the link's interface (IFLA_MTU)").labelNames("link", "interface")
                .callback(cb -> read().forEach((link, m) -> {
                    if (m.present) {
                        cb.call(m.message.mtu(), link, m.iface);
                    }
                })).register(registry);
        stat(registry, "receive_bytes", "Bytes received on the link's interface", LinkStats64::rxBytes);
        stat(registry, "transmit_bytes", "Bytes sent on the link's interface", LinkStats64::txBytes);
        stat(registry, "receive_packets", "Packets received on the link's interface", LinkStats64::rxPackets);
        stat(registry, "transmit_packets", "Packets sent on the link's interface", LinkStats64::txPackets);
        stat(registry, "receive_errors", "Receive errors on the link's interface", LinkStats64::rxErrors);
        stat(registry, "transmit_errors", "Transmit errors on the link's interface", LinkStats64::txErrors);
        stat(registry, "receive_dropped", "Received packets the interface dropped", LinkStats64::rxDropped);
        stat(registry, "transmit_dropped", "Packets to send the interface dropped", LinkStats64::txDropped);
        CounterWithCallback.builder().name("linkguard_netlink_resyncs")
                .help("Full re-reads of the kernel's link, address, route and neighbour tables because the"
                        + " netlink socket overflowed (ENOBUFS): events were lost and read again")
                .callback(cb -> cb.call(resyncs.getAsLong())).register(registry);
        CounterWithCallback.builder().name("linkguard_netlink_messages_malformed")
                .help("rtnetlink messages that could not be decoded and were skipped")
                .callback(cb -> cb.call(malformed.getAsLong())).register(registry);
    }

    /** A link bound to {@code iface}: its series exist from now on. */
    public void register(String link, String iface) {
        interfaces.put(link, iface);
        for (String c : CHANGES) {
            changes.labelValues(link, iface, c);
        }
    }

    public void unregister(String link) {
        String iface = interfaces.remove(link);
        if (iface != null) {
            for (String c : CHANGES) {
                changes.remove(link, iface, c);
            }
        }
    }

    /** @param change one of {@link #CHANGES} */
    public void changed(String link, String change) {
        String iface = interfaces.get(link);
        if (iface != null) {
            changes.labelValues(link, iface, change).inc();
        }
        // A dump cached before this change would show the old state next to the new count. No lock: this
        // runs on the bindings thread, ahead of the link's Interface fact, and a scrape's dump must not delay it.
        dumped = false;
    }

    private void stat(PrometheusRegistry registry, String name, String help, ToLongFunction<LinkStats64> value) {
        CounterWithCallback.builder().name("linkguard_interface_" + name).help(help + " (IFLA_STATS64)")
                .labelNames("link", "interface")
                .callback(cb -> read().forEach((link, m) -> {
                    if (m.present && m.message.stats().isPresent()) {
                        cb.call(value.applyAsLong(m.message.stats().get()), link, m.iface);
                    }
                })).register(registry);
    }

    /** A link's interface in one dump; {@code iface} carried, so a reload's unregister cannot null a label. */
    private record Seen(String iface, boolean present, LinkMessage message) {
    }

    /** Each registered link's interface as one dump says, the dump shared by the families of one scrape. */
    private synchronized Map<String, Seen> read() {
        long now = System.nanoTime();
        if (!dumped || now - lastDumpNanos > DUMP_REUSE_NANOS) {
            dumped = true; // first: a change counted while the dump runs asks for the next one
            Optional<List<LinkMessage>> links = dump.get();
            if (links.isEmpty()) {
                // Unknown is not down: no series this scrape (and the next asks again), rather than a false 0.
                dumped = false;
                lastDump = null;
                return Map.of();
            }
            Map<String, LinkMessage> byName = new HashMap<>();
            for (LinkMessage m : links.get()) {
                byName.put(m.name(), m);
            }
            lastDump = byName;
            lastDumpNanos = now;
        }
        if (lastDump == null) {
            return Map.of();
        }
        Map<String, Seen> out = new HashMap<>();
        Map<String, LinkMessage> d = lastDump;
        interfaces.forEach((link, iface) -> {
            LinkMessage m = d.get(iface);
            out.put(link, new Seen(iface, m != null, m));
        });
        return out;
    }
}
