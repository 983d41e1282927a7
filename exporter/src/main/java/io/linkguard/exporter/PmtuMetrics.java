package io.linkguard.exporter;

import io.linkguard.probes.Addresses;
import io.linkguard.probes.pmtu.PmtuResult;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;

/**
 * Path-MTU series, one set per link with a {@code pmtu} probe. The measured
 * and the expected MTU sit side by side so a dashboard or alert rule can
 * compare them without knowing the tunnel's config.
 */
public final class PmtuMetrics {
    private final Gauge pathMtu;
    private final Gauge expected;
    private final Gauge blackHole;
    private final Gauge ptbSeen;
    private final Gauge duration;
    private final Gauge probes;
    private final Counter searches;

    public PmtuMetrics(PrometheusRegistry registry) {
        pathMtu = Gauge.builder().name("linkguard_path_mtu_bytes")
                .help("Largest IP packet a reply confirmed in the last path-MTU search (RFC 8899); 0 if none was")
                .unit(Unit.BYTES).labelNames("link", "peer").register(registry);
        expected = Gauge.builder().name("linkguard_path_mtu_expected_bytes")
                .help("The MTU the tunnel is configured to carry (pmtu probe 'expected')")
                .unit(Unit.BYTES).labelNames("link").register(registry);
        blackHole = Gauge.builder().name("linkguard_path_mtu_black_hole")
                .help("1 if the last search saw packets above some size vanish with no Packet Too Big")
                .labelNames("link").register(registry);
        ptbSeen = Gauge.builder().name("linkguard_path_mtu_ptb_seen")
                .help("1 if the last search received a validated Packet Too Big / fragmentation needed")
                .labelNames("link").register(registry);
        duration = Gauge.builder().name("linkguard_path_mtu_search_duration_seconds")
                .help("Wall time of the last path-MTU search").unit(Unit.SECONDS).labelNames("link")
                .register(registry);
        probes = Gauge.builder().name("linkguard_path_mtu_search_probes")
                .help("Probes the last path-MTU search sent (bounded by max_probes)").labelNames("link")
                .register(registry);
        searches = Counter.builder().name("linkguard_path_mtu_searches")
                .help("Path-MTU searches, by result: converged, or failed (no reply, probe cap, send error)")
                .labelNames("link", "result").withoutExemplars().register(registry);
    }

    /** Creates the link's series before its first search ends. */
    public void register(String link, InetAddress peer, OptionalInt expectedMtu) {
        expectedMtu.ifPresent(e -> expected.labelValues(link).set(e));
        pathMtu.labelValues(link, Addresses.format(peer));
        blackHole.labelValues(link);
        ptbSeen.labelValues(link);
        duration.labelValues(link);
        probes.labelValues(link);
        searches.labelValues(link, "converged");
        searches.labelValues(link, "failed");
    }

    public void onSearch(String link, PmtuResult r) {
        pathMtu.labelValues(link, Addresses.format(r.peer())).set(r.pathMtu());
        blackHole.labelValues(link).set(r.blackHole() ? 1 : 0);
        ptbSeen.labelValues(link).set(r.ptbSeen() ? 1 : 0);
        duration.labelValues(link).set(r.duration().toNanos() / 1e9);
        probes.labelValues(link).set(r.probes());
        searches.labelValues(link, r.converged() ? "converged" : "failed").inc();
    }

    public void unregister(String link) {
        java.util.function.Function<List<String>, Boolean> mine = l -> l.get(0).equals(link);
        for (Gauge g : List.of(pathMtu, expected, blackHole, ptbSeen, duration, probes)) {
            g.removeIf(mine);
        }
        searches.removeIf(mine);
    }
}
