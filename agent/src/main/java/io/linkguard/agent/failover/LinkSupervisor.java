package io.linkguard.agent.failover;

import io.linkguard.agent.events.LinkAlerts;
import io.linkguard.alerts.AlertSink;
import io.linkguard.agent.health.FailoverDecision;
import io.linkguard.agent.health.HealthTransition;
import io.linkguard.agent.health.LinkHealth;
import io.linkguard.agent.health.LinkHealthSnapshot;
import io.linkguard.core.log.Log;
import io.linkguard.bfd.engine.BfdStateChange;
import io.linkguard.probes.ProbeResult;
import io.linkguard.core.supervise.Loops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One link at run time: feeds probe and BFD events into its {@link LinkHealth},
 * asks {@link FailoverDecision} which path traffic belongs on, and runs that
 * path's actions, serialised on the link's own thread so two switches never
 * interleave. Inputs arrive on probe and BFD threads and only take a short
 * lock; actions never run on those threads.
 */
public final class LinkSupervisor implements AutoCloseable {
    /** Transitions and action runs kept for /status. */
    static final int HISTORY = 20;
    private static final long RETRY_MIN_MILLIS = 1000;
    private static final long RETRY_MAX_MILLIS = 30_000;

    /** A transition as recorded for /status. */
    public record Recorded(HealthTransition transition, Instant at) {
    }

    private final String link;
    private final LinkHealth health;
    private final Optional<FailoverDecision> decision;
    private final List<PathActions> paths;
    private final FailoverMetrics metrics;
    private final ScheduledExecutorService actions;
    private final ArrayDeque<Recorded> transitions = new ArrayDeque<>();
    private final ArrayDeque<ActionResult> actionRuns = new ArrayDeque<>();
    private HealthTransition lastTransition;
    private long retryMillis = RETRY_MIN_MILLIS;

    private final AlertSink alerts;
    /** The last BFD state and why, for alert figures. */
    private Optional<String> lastBfd = Optional.empty();
    /** When the link last left Up: the "since" of the resolved alert. */
    private Instant problemSince = Instant.now();
    /** Set by {@link #close}: a retired supervisor may still be ticked until it leaves the list. */
    private volatile boolean closed;
    /** The dampening figures last exported; NaN until the first tick. */
    private double lastPenalty = Double.NaN;
    private boolean lastSuppressed;

    public LinkSupervisor(String link, LinkHealth health, Optional<FailoverDecision> decision, List<PathActions> paths,
                          FailoverMetrics metrics) {
        this(link, health, decision, paths, metrics, AlertSink.NONE);
    }

    public LinkSupervisor(String link, LinkHealth health, Optional<FailoverDecision> decision, List<PathActions> paths,
                          FailoverMetrics metrics, AlertSink alerts) {
        this.alerts = alerts;
        this.link = link;
        this.health = health;
        this.decision = decision;
        this.paths = List.copyOf(paths);
        this.metrics = metrics;
        this.actions = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("failover-" + link).daemon(true).factory());
        metrics.register(link, this.paths);
        decision.ifPresent(d -> metrics.path(link, this.paths, d.currentPath(), onBackup(d)));
    }

    public String link() {
        return link;
    }

    public void onProbe(ProbeResult r) {
        if (!r.link().equals(link)) {
            return;
        }
        long now = System.nanoTime();
        synchronized (this) {
            handle(health.onProbe(r, now), now);
        }
    }

    public void onBfd(BfdStateChange c) {
        if (!c.name().equals(link)) {
            return;
        }
        long now = System.nanoTime();
        synchronized (this) {
            lastBfd = Optional.of(c.to().display() + (c.to() == io.linkguard.bfd.packet.BfdState.UP ? ""
                    : " (" + c.explanation() + ")"));
            handle(health.onBfd(c.to(), c.cause(), now), now);
        }
    }

    /**
     * A path-MTU search result. Only a confirmed size below the expected MTU
     * (when the probe says to degrade) counts: a search that got no reply at
     * all says nothing about the MTU, and loss already covers it.
     */
    public void onPmtu(int measured, java.util.OptionalInt expected, boolean degrade) {
        if (measured <= 0 || expected.isEmpty() || !degrade) {
            return;
        }
        long now = System.nanoTime();
        synchronized (this) {
            handle(health.onMtu(measured, expected.getAsInt(), now), now);
        }
    }

    /** Periodic: windows slide, dampening decays, the failback delay passes. */
    public void tick() {
        long now = System.nanoTime();
        synchronized (this) {
            handle(health.evaluate(now), now);
        }
    }

    private void handle(Optional<HealthTransition> t, long now) {
        if (closed) {
            return; // retired: its replacement owns the link's series and alerts now
        }
        if (t.isPresent()) {
            HealthTransition tr = t.get();
            lastTransition = tr;
            record(transitions, new Recorded(tr, Instant.now()));
            metrics.transition(link, tr);
            String msg = String.format("link %s: %s -> %s: %s", link, tr.from().label(), tr.to().label(), tr.detail());
            if (tr.to().ordinal() > tr.from().ordinal() && tr.from() != io.linkguard.agent.health.LinkState.UNKNOWN) {
                Log.warn("%s", msg);
            } else {
                Log.notice("%s", msg);
            }
            Instant at = Instant.now();
            if (tr.from() == io.linkguard.agent.health.LinkState.UP) {
                problemSince = at;
            }
            LinkAlerts.transition(link, tr, health.snapshot(now), decision.map(FailoverDecision::currentPath), lastBfd,
                    at, problemSince).ifPresent(alerts::publish);
        }
        LinkHealthSnapshot snap = health.snapshot(now);
        if (snap.penalty() != lastPenalty || snap.suppressed() != lastSuppressed) { // a gauge update allocates
            metrics.dampening(link, snap.penalty(), snap.suppressed());
            lastPenalty = snap.penalty();
            lastSuppressed = snap.suppressed();
        }
        if (decision.isEmpty()) {
            return;
        }
        Optional<FailoverDecision.Switch> s = decision.get().evaluate(snap);
        if (s.isPresent()) {
            FailoverDecision.Switch sw = s.get();
            metrics.path(link, paths, sw.toPath(), onBackup(decision.get()));
            Log.warn("link %s: traffic %s -> %s: %s", link, sw.fromPath(), sw.toPath(), sw.reason());
            alerts.publish(LinkAlerts.pathSwitch(link, sw.fromPath(), sw.toPath(), decision.get().failoverActive(),
                    sw.reason(), snap, lastBfd, Instant.now()));
            ActionContext ctx = context(sw, snap);
            retryMillis = RETRY_MIN_MILLIS;
            // Guarded (Loops): the executor would swallow an exception into a Future no one reads.
            actions.execute(Loops.process().guard(() -> runPath(sw.toPath(), ctx)));
        }
    }

    private boolean onBackup(FailoverDecision d) {
        return d.failoverActive();
    }

    private ActionContext context(FailoverDecision.Switch sw, LinkHealthSnapshot snap) {
        Map<String, String> figures = new HashMap<>();
        figures.put("loss_ratio", Double.isNaN(snap.lossRatio()) ? "" : String.format(Locale.ROOT, "%.4f", snap.lossRatio()));
        figures.put("rtt_seconds", snap.medianRttNanos() < 0 ? "" : String.format(Locale.ROOT, "%.6f", snap.medianRttNanos() / 1e9));
        figures.put("jitter_seconds", String.format(Locale.ROOT, "%.6f", snap.jitterNanos() / 1e9));
        figures.put("flap_penalty", String.format(Locale.ROOT, "%.0f", snap.penalty()));
        String from = lastTransition == null ? "unknown" : lastTransition.from().label();
        return new ActionContext(link, from, snap.state().label(), sw.reason(), sw.fromPath(), sw.toPath(), figures);
    }

    /** Runs on the link's thread. Retries with backoff while the decision still wants this path. */
    private void runPath(String path, ActionContext ctx) {
        PathActions p = paths.stream().filter(x -> x.name().equals(path)).findFirst().orElse(null);
        if (p == null) {
            return;
        }
        boolean ok = true;
        for (Action a : p.actions()) {
            ActionResult r = a.run(ctx);
            metrics.action(r);
            synchronized (this) {
                record(actionRuns, r);
            }
            if (r.outcome() == ActionOutcome.OK) {
                Log.info("link %s: %s action for path %s ok in %d ms: %s", link, r.action(), path,
                        r.duration().toMillis(), r.what());
            } else {
                Log.error("link %s: %s action for path %s %s (exit %d) after %d ms: %s %s", link, r.action(), path,
                        r.outcome().label(), r.exitCode(), r.duration().toMillis(), r.what(), r.detail());
                ok = false;
                if (retryMillis == RETRY_MIN_MILLIS) {
                    // The first failure of this switch is news; its retries are counted in metrics, not re-alerted.
                    LinkHealthSnapshot snap;
                    Optional<String> bfd;
                    synchronized (this) {
                        snap = health.snapshot(System.nanoTime());
                        bfd = lastBfd;
                    }
                    alerts.publish(LinkAlerts.actionFailed(link, r, snap, bfd, Instant.now()));
                }
                break; // later actions assume the earlier ones worked
            }
        }
        if (!ok) {
            long delay = retryMillis;
            retryMillis = Math.min(RETRY_MAX_MILLIS, retryMillis * 2);
            actions.schedule(Loops.process().guard(() -> {
                boolean stillWanted;
                synchronized (this) {
                    stillWanted = decision.map(d -> d.currentPath().equals(path)).orElse(false);
                }
                if (stillWanted) {
                    runPath(path, ctx);
                }
            }), delay, TimeUnit.MILLISECONDS);
        }
    }

    private static <T> void record(ArrayDeque<T> deque, T item) {
        deque.addLast(item);
        while (deque.size() > HISTORY) {
            deque.removeFirst();
        }
    }

    /** For /status. */
    public synchronized Status status() {
        long now = System.nanoTime();
        return new Status(link, health.snapshot(now), decision.map(FailoverDecision::currentPath),
                decision.map(FailoverDecision::failoverActive).orElse(false),
                decision.map(FailoverDecision::failbackPending).orElse(false),
                List.copyOf(transitions), List.copyOf(actionRuns));
    }

    /** What /status shows of one link. */
    public record Status(String link, LinkHealthSnapshot health, Optional<String> activePath, boolean failoverActive,
                         boolean failbackPending, List<Recorded> transitions, List<ActionResult> actions) {
    }

    /**
     * Stops for good (a reload removed the link or restarts its supervisor):
     * waits for a running action like {@link #close()}, then drops the link's series.
     */
    public void retire() {
        close();
        metrics.unregister(link);
    }

    @Override
    public void close() {
        closed = true;
        actions.shutdown();
        try {
            if (!actions.awaitTermination(Duration.ofSeconds(15).toMillis(), TimeUnit.MILLISECONDS)) {
                actions.shutdownNow();
            }
        } catch (InterruptedException e) {
            actions.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
