package io.linkguard.exporter;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.List;
import java.util.Map;

/**
 * Link health and failover metrics; every series of a link is created when it registers. The agent
 * speaks to it in label values (states, reasons, outcomes as strings), so the exporter knows nothing
 * of the agent's types. Called on the {@code links} thread only (and on the reload thread to register).
 */
public final class FailoverMetrics {
    static final double[] ACTION_BUCKETS_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
            5, 10, 30, 60};

    /**
     * The transitions created up front: the ones dashboards and alert rules ask
     * about. Creating every (state, reason) pair would be 60 series per link;
     * with hundreds of links that alone blew a small heap at scrape time
     * (bench/bfd-scale, 500 links). Others appear when they first happen.
     */
    static final List<List<String>> EXPECTED_TRANSITIONS = List.of(
            List.of("down", "bfd_down"), List.of("down", "loss_above"), List.of("degraded", "loss_above"),
            List.of("degraded", "rtt_above"), List.of("up", "bfd_up"), List.of("up", "loss_below"),
            List.of("unknown", "no_samples"), List.of("down", "interface_down"));

    private final List<String> states;
    private final String initialState;
    private final List<String> outcomes;
    private final Gauge state;
    private final Counter transitions;
    private final Gauge failoverActive;
    private final Gauge activePath;
    private final Counter actionRuns;
    private final Histogram actionDuration;
    private final Gauge penalty;
    private final Gauge suppressed;
    private final Counter factsDropped;
    private final Counter routesReasserted;

    /**
     * @param states       every link state label ({@code linkguard_link_state} has one series per state)
     * @param initialState the state a link starts in (its series is 1 at registration)
     * @param outcomes     every action outcome label
     */
    public FailoverMetrics(PrometheusRegistry registry, List<String> states, String initialState,
                           List<String> outcomes) {
        this.states = List.copyOf(states);
        this.initialState = initialState;
        this.outcomes = List.copyOf(outcomes);
        state = Gauge.builder().name("linkguard_link_state").help("Link health: 1 for the current state")
                .labelNames("link", "state").register(registry);
        transitions = Counter.builder().name("linkguard_link_transitions")
                .help("Link health transitions, by new state and reason").labelNames("link", "to", "reason")
                .withoutExemplars().register(registry);
        failoverActive = Gauge.builder().name("linkguard_failover_active")
                .help("1 while the link's traffic is on a backup path").labelNames("link").register(registry);
        activePath = Gauge.builder().name("linkguard_link_active_path")
                .help("1 for the path the link's traffic is on").labelNames("link", "path").register(registry);
        actionRuns = Counter.builder().name("linkguard_action_runs")
                .help("Failover action runs, by path, action type and result")
                .labelNames("link", "path", "action", "result").withoutExemplars().register(registry);
        actionDuration = Histogram.builder().name("linkguard_action_duration_seconds")
                .help("How long failover actions took").unit(Unit.SECONDS).labelNames("link", "action")
                .classicOnly().withoutExemplars().classicUpperBounds(ACTION_BUCKETS_SECONDS).register(registry);
        penalty = Gauge.builder().name("linkguard_link_flap_penalty")
                .help("RFC 2439-style flap penalty of the link (decays exponentially)").labelNames("link")
                .register(registry);
        suppressed = Gauge.builder().name("linkguard_link_suppressed")
                .help("1 while flap dampening holds the link's traffic on the backup").labelNames("link")
                .register(registry);
        factsDropped = Counter.builder().name("linkguard_link_facts_dropped")
                .help("Facts (probe results, BFD and PMTU changes) dropped because the link's inbox was full")
                .labelNames("link").withoutExemplars().register(registry);
        routesReasserted = Counter.builder().name("linkguard_route_reasserted")
                .help("Routes of the active path put back after they were taken away or changed (a kernel flush,"
                        + " an operator's ip route del)").labelNames("link", "path").withoutExemplars()
                .register(registry);
    }

    /** @param actionTypesByPath each path of the link, in order, with the types of its actions ("route", "exec") */
    public void register(String link, Map<String, List<String>> actionTypesByPath) {
        for (String s : states) {
            state.labelValues(link, s).set(s.equals(initialState) ? 1 : 0);
        }
        for (List<String> t : EXPECTED_TRANSITIONS) {
            transitions.labelValues(link, t.get(0), t.get(1));
        }
        failoverActive.labelValues(link).set(0);
        penalty.labelValues(link).set(0);
        suppressed.labelValues(link).set(0);
        factsDropped.labelValues(link);
        actionTypesByPath.forEach((path, types) -> {
            activePath.labelValues(link, path).set(0);
            if (types.contains("route")) {
                routesReasserted.labelValues(link, path);
            }
            for (String type : types) {
                actionDuration.labelValues(link, type);
                for (String o : outcomes) {
                    actionRuns.labelValues(link, path, type, o);
                }
            }
        });
    }

    /** Drops every series of {@code link}: a reload removed it, or restarts its supervision. */
    public void unregister(String link) {
        java.util.function.Function<List<String>, Boolean> mine = l -> l.get(0).equals(link);
        for (var g : List.of(state, failoverActive, activePath, penalty, suppressed)) {
            g.removeIf(mine);
        }
        transitions.removeIf(mine);
        actionRuns.removeIf(mine);
        actionDuration.removeIf(mine);
        factsDropped.removeIf(mine);
        routesReasserted.removeIf(mine);
    }

    /** A route of {@code path}, the active one, was put back. */
    public void routeReasserted(String link, String path) {
        routesReasserted.labelValues(link, path).inc();
    }

    public void transition(String link, String from, String to, String reason) {
        state.labelValues(link, from).set(0);
        state.labelValues(link, to).set(1);
        transitions.labelValues(link, to, reason).inc();
    }

    /** @param paths every path of the link; {@code active} is 1, the others 0 */
    public void path(String link, List<String> paths, String active, boolean onBackup) {
        for (String p : paths) {
            activePath.labelValues(link, p).set(p.equals(active) ? 1 : 0);
        }
        failoverActive.labelValues(link).set(onBackup ? 1 : 0);
    }

    public void action(String link, String path, String action, String outcome, long durationNanos) {
        actionRuns.labelValues(link, path, action, outcome).inc();
        actionDuration.labelValues(link, action).observe(durationNanos / 1e9);
    }

    public void dampening(String link, double value, boolean isSuppressed) {
        penalty.labelValues(link).set(value);
        suppressed.labelValues(link).set(isSuppressed ? 1 : 0);
    }

    /** {@code n} facts for {@code link} were dropped by its full inbox. */
    public void factsDropped(String link, long n) {
        factsDropped.labelValues(link).inc(n);
    }
}
