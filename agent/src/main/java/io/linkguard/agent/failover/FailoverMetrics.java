package io.linkguard.agent.failover;

import io.linkguard.agent.health.HealthTransition;
import io.linkguard.agent.health.LinkState;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.List;

/** Link health and failover metrics; every series of a link is created when it registers. */
public final class FailoverMetrics {
    static final double[] ACTION_BUCKETS_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
            5, 10, 30, 60};

    private final Gauge state;
    private final Counter transitions;
    private final Gauge failoverActive;
    private final Gauge activePath;
    private final Counter actionRuns;
    private final Histogram actionDuration;
    private final Gauge penalty;
    private final Gauge suppressed;

    public FailoverMetrics(PrometheusRegistry registry) {
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
    }

    /**
     * The transitions created up front: the ones dashboards and alert rules ask
     * about. Creating every (state, reason) pair would be 60 series per link;
     * with hundreds of links that alone blew a small heap at scrape time
     * (bench/bfd-scale, 500 links). Others appear when they first happen.
     */
    static final List<List<String>> EXPECTED_TRANSITIONS = List.of(
            List.of("down", "bfd_down"), List.of("down", "loss_above"), List.of("degraded", "loss_above"),
            List.of("degraded", "rtt_above"), List.of("up", "bfd_up"), List.of("up", "loss_below"),
            List.of("unknown", "no_samples"));

    void register(String link, List<PathActions> paths) {
        for (LinkState s : LinkState.values()) {
            state.labelValues(link, s.label()).set(s == LinkState.UNKNOWN ? 1 : 0);
        }
        for (List<String> t : EXPECTED_TRANSITIONS) {
            transitions.labelValues(link, t.get(0), t.get(1));
        }
        failoverActive.labelValues(link).set(0);
        penalty.labelValues(link).set(0);
        suppressed.labelValues(link).set(0);
        for (PathActions p : paths) {
            activePath.labelValues(link, p.name()).set(0);
            for (Action a : p.actions()) {
                actionDuration.labelValues(link, a.type());
                for (ActionOutcome o : ActionOutcome.values()) {
                    actionRuns.labelValues(link, p.name(), a.type(), o.label());
                }
            }
        }
    }

    /** Drops every series of {@code link}: a reload removed it, or restarts its supervisor. */
    void unregister(String link) {
        java.util.function.Function<List<String>, Boolean> mine = l -> l.get(0).equals(link);
        for (var g : List.of(state, failoverActive, activePath, penalty, suppressed)) {
            g.removeIf(mine);
        }
        transitions.removeIf(mine);
        actionRuns.removeIf(mine);
        actionDuration.removeIf(mine);
    }

    void transition(String link, HealthTransition t) {
        state.labelValues(link, t.from().label()).set(0);
        state.labelValues(link, t.to().label()).set(1);
        transitions.labelValues(link, t.to().label(), t.reason().label()).inc();
    }

    void path(String link, List<PathActions> paths, String active, boolean onBackup) {
        for (PathActions p : paths) {
            activePath.labelValues(link, p.name()).set(p.name().equals(active) ? 1 : 0);
        }
        failoverActive.labelValues(link).set(onBackup ? 1 : 0);
    }

    void action(ActionResult r) {
        actionRuns.labelValues(r.link(), r.path(), r.action(), r.outcome().label()).inc();
        actionDuration.labelValues(r.link(), r.action()).observe(r.duration().toNanos() / 1e9);
    }

    void dampening(String link, double value, boolean isSuppressed) {
        penalty.labelValues(link).set(value);
        suppressed.labelValues(link).set(isSuppressed ? 1 : 0);
    }
}
