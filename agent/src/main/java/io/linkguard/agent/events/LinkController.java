package io.linkguard.agent.events;

import io.linkguard.agent.failover.Action;
import io.linkguard.agent.failover.ActionContext;
import io.linkguard.agent.failover.ActionOutcome;
import io.linkguard.agent.failover.ActionResult;
import io.linkguard.agent.failover.PathActions;
import io.linkguard.agent.health.FailoverDecision;
import io.linkguard.agent.health.HealthTransition;
import io.linkguard.agent.health.InterfaceCondition;
import io.linkguard.agent.health.LinkHealth;
import io.linkguard.agent.health.LinkHealthSnapshot;
import io.linkguard.agent.health.LinkState;
import io.linkguard.alerts.AlertSink;
import io.linkguard.bfd.engine.BfdStateChange;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.core.log.Log;
import io.linkguard.core.supervise.Loops;
import io.linkguard.exporter.FailoverMetrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One link at run time, confined to the {@code links} thread: drains the facts engines published into
 * its {@link LinkInbox}, feeds them to its {@link LinkHealth}, asks {@link FailoverDecision} which path
 * traffic belongs on, hands that path's actions to the link's own {@code failover-<link>} thread (so two
 * switches never interleave and a slow hook never holds the loop), and turns every step into the link's
 * events: log lines, failover metrics, alerts (it is their only producer, through {@link AlertPolicy})
 * and the {@link LinkStatus} that {@code /status} reads. Action results come back as facts; so do
 * retries' reasons. No locks: only the published status crosses threads, through a volatile reference.
 */
public final class LinkController implements AutoCloseable {
    /** Transitions and action runs kept for /status. */
    static final int HISTORY = 20;
    static final long RETRY_MIN_MILLIS = 1000;
    private static final long RETRY_MAX_MILLIS = 30_000;

    /** A failed run of a path's actions, to run again at {@code dueNanos} if the decision still wants it. */
    private record Retry(String path, ActionContext context, long dueNanos) {
    }

    private final String link;
    private final LinkHealth health;
    private final Optional<FailoverDecision> decision;
    private final Map<String, PathActions> paths = new LinkedHashMap<>();
    private final List<String> pathNames;
    private final FailoverMetrics metrics;
    private final AlertSink alerts;
    private final AlertPolicy policy;
    private final LinkInbox inbox;
    private final LinkClock clock;
    private final ExecutorService actions;
    private final Runnable bfdResync;
    /** {@code health.interface_down: ignore}: an operationally down interface is left to the probes. */
    private final boolean interfaceDownIgnored;
    /** Route drift: the active path's routes, checked, put back, or left alone when contested. */
    private final RouteKeeper routes;
    private final ArrayDeque<LinkStatus.Transition> transitions = new ArrayDeque<>();
    private final ArrayDeque<ActionResult> actionRuns = new ArrayDeque<>();
    private List<LinkStatus.Transition> transitionsView = List.of();
    private List<ActionResult> actionsView = List.of();
    private HealthTransition lastTransition;
    private long retryMillis = RETRY_MIN_MILLIS;
    private Retry retry;
    private ActionContext lastRun;
    /** The last BFD state and why, for alert figures; the state alone, to tell a replay that is news. */
    private Optional<String> lastBfd = Optional.empty();
    private BfdState bfdState;
    /** When the link last left Up: the "since" of the resolved alert. */
    private Instant problemSince;
    /** The dampening figures last exported; NaN until the first one. */
    private double lastPenalty = Double.NaN;
    private boolean lastSuppressed;
    /** Whether the inbox overflowed at the last drain: one log line per episode. */
    private boolean overflowing;
    /** Set by {@link #close}: a retired controller may still be drained until it leaves the loop's list. */
    private volatile boolean closed;
    private volatile LinkStatus status;
    /** Bound once: the loop runs these for every link many times a second, and a fresh lambda allocates. */
    private final Runnable drainTask = this::drain;
    private final Runnable tickTask = this::tick;
    private final Consumer<LinkFact> acceptor = this::accept;

    /**
     * @param actions   where path actions run (the link's failover thread: {@link #failoverThread})
     * @param bfdResync asks the BFD engine to replay the session's current state into the inbox, after
     *                  a BFD fact was dropped by the full inbox
     * @param interfaceDownIgnored {@code health.interface_down: ignore}
     */
    public LinkController(String link, LinkHealth health, Optional<FailoverDecision> decision,
                          List<PathActions> paths, FailoverMetrics metrics, AlertSink alerts, LinkInbox inbox,
                          LinkClock clock, ExecutorService actions, Runnable bfdResync, boolean interfaceDownIgnored) {
        this.interfaceDownIgnored = interfaceDownIgnored;
        this.link = link;
        this.health = health;
        this.decision = decision;
        paths.forEach(p -> this.paths.put(p.name(), p));
        this.pathNames = List.copyOf(this.paths.keySet());
        this.metrics = metrics;
        this.alerts = alerts;
        this.policy = new AlertPolicy(link);
        this.inbox = inbox;
        this.clock = clock;
        this.actions = actions;
        this.bfdResync = bfdResync;
        this.problemSince = clock.wall().instant();
        // Routes reconciled at start (they point at the decision's current path) are watched from the start.
        this.routes = new RouteKeeper(link, this.paths, inbox, this::submit, decision.map(FailoverDecision::currentPath)
                .filter(p -> !p.equals(FailoverDecision.NO_PATH)).orElse(null));
        Map<String, List<String>> types = new LinkedHashMap<>();
        paths.forEach(p -> types.put(p.name(), p.actions().stream().map(Action::type).toList()));
        metrics.register(link, types);
        decision.ifPresent(d -> metrics.path(link, pathNames, d.currentPath(), d.failoverActive()));
        publish(health.snapshot(clock.nanos()));
    }

    /** The single thread a link's actions run on, one after another. */
    public static ExecutorService failoverThread(String link) {
        return Executors.newSingleThreadExecutor(Thread.ofPlatform().name("failover-" + link).daemon(true).factory());
    }

    public String link() {
        return link;
    }

    public LinkInbox inbox() {
        return inbox;
    }

    /** {@link #drain} as a task for the links loop (one object, not one per call). */
    public Runnable drainTask() {
        return drainTask;
    }

    /** {@link #tick} as a task for the links loop. */
    public Runnable tickTask() {
        return tickTask;
    }

    /** The status as of the last batch or tick; from any thread. */
    public LinkStatus status() {
        return status;
    }

    /** On the links thread: handles every waiting fact (at most one inbox-full); returns how many. */
    public int drain() {
        if (closed) {
            return 0;
        }
        int n = inbox.drain(LinkInbox.CAPACITY, acceptor);
        long dropped = inbox.takeDropped();
        if (dropped > 0) {
            metrics.factsDropped(link, dropped);
            if (!overflowing) {
                Log.warn("link %s: fact inbox full (%d): dropping facts until it drains; probe results are"
                        + " superseded by the next, BFD state is read again from the session", link, LinkInbox.CAPACITY);
            }
        }
        overflowing = dropped > 0;
        if (inbox.takeBfdLost()) {
            bfdResync.run();
        }
        return n;
    }

    /** On the links thread, periodically: windows slide, dampening decays, the failback delay passes, retries run. */
    public void tick() {
        if (closed) {
            return;
        }
        long now = clock.nanos();
        handle(health.evaluate(now), now);
        decision.ifPresent(d -> routes.tick(d.currentPath(), now));
        Retry r = retry;
        if (r != null && now - r.dueNanos() >= 0) {
            retry = null;
            if (decision.map(d -> d.currentPath().equals(r.path())).orElse(false)) {
                run(r.path(), r.context());
            }
        }
    }

    void accept(LinkFact fact) {
        long now = clock.nanos();
        switch (fact) {
            case LinkFact.Probe(var r) -> {
                if (r.link().equals(link)) {
                    LinkLog.probe(r);
                    handle(health.onProbe(r, now), now);
                }
            }
            case LinkFact.Bfd(var c, var replay, var sessionWasUp) -> {
                if (c.name().equals(link)) {
                    onBfd(c, replay, sessionWasUp, now);
                }
            }
            case LinkFact.Pmtu(var r, var expected, var degrade, var history) -> {
                LinkLog.pmtu(link, r, expected);
                // Only a confirmed size below the expected MTU counts: a search that got no reply at all
                // says nothing about the MTU, and loss already covers it.
                if (r.pathMtu() > 0 && expected.isPresent() && degrade) {
                    handle(health.onMtu(r.pathMtu(), expected.getAsInt(), now), now);
                }
                policy.pmtu(r, expected, health.state().label(), clock.wall().instant(), history)
                        .ifPresent(alerts::publish);
            }
            case LinkFact.ActionRun(var r) -> onAction(r, now);
            case LinkFact.BfdRestarted() -> handle(health.onBfdRestarted(now), now);
            case LinkFact.RoutesChanged(var cause) -> routes.changed(cause);
            case LinkFact.RouteDrift(var path, var what) -> onRouteDrift(path, what, now);
            case LinkFact.Reasserted(var r) -> onReasserted(r, now);
            case LinkFact.Interface(var condition, var detail) -> {
                Log.notice("link %s: %s", link, detail);
                boolean ignored = condition == InterfaceCondition.INTERFACE_DOWN && interfaceDownIgnored;
                handle(health.onInterface(ignored ? InterfaceCondition.PRESENT : condition, detail, now), now);
            }
        }
    }

    private void onBfd(BfdStateChange c, boolean replay, boolean sessionWasUp, long now) {
        // A replay is news only if this controller knew another state: a change lost to a full inbox.
        boolean news = !replay || (bfdState != null && bfdState != c.to());
        BfdStateChange change = replay && news ? new BfdStateChange(c.name(), c.peer(), bfdState, c.to(),
                c.localDiag(), c.remoteDiag(), c.remoteState(), c.epochMillis()) : c;
        bfdState = c.to();
        if (news) {
            LinkLog.bfd(change);
        }
        lastBfd = Optional.of(c.to().display() + (c.to() == BfdState.UP ? "" : " (" + c.explanation() + ")"));
        handle(health.onBfd(c.to(), c.cause(), now), now);
        if (news) {
            AlertPolicy.bfd(change, sessionWasUp, health.state().label()).ifPresent(alerts::publish);
        }
    }

    private void handle(Optional<HealthTransition> t, long now) {
        if (t.isPresent()) {
            HealthTransition tr = t.get();
            Instant at = clock.wall().instant();
            lastTransition = tr;
            record(transitions, new LinkStatus.Transition(tr, at));
            transitionsView = List.copyOf(transitions);
            metrics.transition(link, tr.from().label(), tr.to().label(), tr.reason().label());
            LinkLog.transition(link, tr);
            if (tr.from() == LinkState.UP) {
                problemSince = at;
            }
            AlertPolicy.transition(link, tr, health.snapshot(now), decision.map(FailoverDecision::currentPath),
                    lastBfd, at, problemSince).ifPresent(alerts::publish);
        }
        LinkHealthSnapshot snap = health.snapshot(now);
        if (snap.penalty() != lastPenalty || snap.suppressed() != lastSuppressed) { // a gauge update allocates
            metrics.dampening(link, snap.penalty(), snap.suppressed());
            lastPenalty = snap.penalty();
            lastSuppressed = snap.suppressed();
        }
        if (decision.isPresent()) {
            FailoverDecision d = decision.get();
            Optional<FailoverDecision.Switch> s = d.evaluate(snap);
            if (s.isPresent()) {
                FailoverDecision.Switch sw = s.get();
                metrics.path(link, pathNames, sw.toPath(), d.failoverActive());
                Log.warn("link %s: traffic %s -> %s: %s", link, sw.fromPath(), sw.toPath(), sw.reason());
                alerts.publish(AlertPolicy.pathSwitch(link, sw.fromPath(), sw.toPath(), d.failoverActive(),
                        sw.reason(), snap, lastBfd, clock.wall().instant()));
                retryMillis = RETRY_MIN_MILLIS;
                retry = null;
                run(sw.toPath(), ActionContexts.of(link, sw, snap, lastTransition));
            }
        }
        publish(snap);
    }

    /** Hands the path's actions to the failover thread; each result comes back as a fact. */
    private void run(String path, ActionContext ctx) {
        PathActions p = paths.get(path);
        if (p == null || closed) {
            return;
        }
        lastRun = ctx;
        routes.switching();
        try {
            // Guarded (Loops): the executor would swallow an exception into a Future no one reads.
            actions.execute(Loops.process().guard(() -> {
                for (Action a : p.actions()) {
                    ActionResult r = a.run(ctx);
                    inbox.offer(new LinkFact.ActionRun(r));
                    if (r.outcome() != ActionOutcome.OK) {
                        break; // later actions assume the earlier ones worked
                    }
                }
            }));
        } catch (RejectedExecutionException e) {
            // retired meanwhile: its replacement owns the link's routes
        }
    }

    /** The active path's routes changed under it: put them back, unless they are contested. */
    private void onRouteDrift(String path, String what, long now) {
        String current = decision.map(FailoverDecision::currentPath).orElse(FailoverDecision.NO_PATH);
        switch (routes.drift(path, current, lastRun, now)) {
            case PUT_BACK -> {
                metrics.routeReasserted(link, path);
                Log.warn("link %s: route drift on path %s: %s; putting it back", link, path, what);
                alerts.publish(AlertPolicy.routeDrift(link, path, what, AlertPolicy.RouteDrift.PUT_BACK,
                        health.snapshot(now), lastBfd, clock.wall().instant()));
            }
            case CONTESTED -> {
                Log.error("link %s: the routes of path %s were taken away %d times within %s: %s; leaving them"
                                + " alone until the next switch (another daemon or script manages them?)", link, path,
                        RouteGuard.CONFLICT_COUNT, RouteGuard.CONFLICT_WINDOW.toSeconds() + "s", what);
                alerts.publish(AlertPolicy.routeDrift(link, path, what, AlertPolicy.RouteDrift.CONTESTED,
                        health.snapshot(now), lastBfd, clock.wall().instant()));
            }
            case RETRYING, NONE -> {
                // a retry of a put-back that failed (said once), or not the active path's routes
            }
        }
    }

    /** A put-back ran: logged and counted like any action; its first failure is alerted, then retried. */
    private void onReasserted(ActionResult r, long now) {
        metrics.action(link, r.path(), r.action(), r.outcome().label(), r.duration().toNanos());
        record(actionRuns, r);
        actionsView = List.copyOf(actionRuns);
        LinkLog.action(r);
        if (routes.reasserted(r, now)) {
            alerts.publish(AlertPolicy.routeDrift(link, r.path(), r.what() + ": " + r.detail(),
                    AlertPolicy.RouteDrift.FAILED, health.snapshot(now), lastBfd, clock.wall().instant()));
        }
        publish(health.snapshot(now));
    }

    /** Runs {@code task} on the link's failover thread, after what is in flight. */
    private void submit(Runnable task) {
        if (closed) {
            return;
        }
        try {
            actions.execute(Loops.process().guard(task));
        } catch (RejectedExecutionException e) {
            // retired meanwhile: its replacement owns the link's routes
        }
    }

    private void onAction(ActionResult r, long now) {
        metrics.action(link, r.path(), r.action(), r.outcome().label(), r.duration().toNanos());
        if (r.outcome() == ActionOutcome.OK && r.action().equals("route")
                && decision.map(d -> d.currentPath().equals(r.path())).orElse(false)) {
            routes.installed(r.path());
        }
        record(actionRuns, r);
        actionsView = List.copyOf(actionRuns);
        LinkLog.action(r);
        publish(health.snapshot(now));
        if (r.outcome() == ActionOutcome.OK) {
            return;
        }
        if (retryMillis == RETRY_MIN_MILLIS) {
            // The first failure of this switch is news; its retries are counted in metrics, not re-alerted.
            alerts.publish(AlertPolicy.actionFailed(link, r, health.snapshot(now), lastBfd, clock.wall().instant()));
        }
        if (lastRun != null && lastRun.toPath().equals(r.path())) {
            retry = new Retry(r.path(), lastRun, now + TimeUnit.MILLISECONDS.toNanos(retryMillis));
        }
        retryMillis = Math.min(RETRY_MAX_MILLIS, retryMillis * 2);
    }

    private void publish(LinkHealthSnapshot snap) {
        status = new LinkStatus(link, snap, decision.map(FailoverDecision::currentPath),
                decision.map(FailoverDecision::failoverActive).orElse(false),
                decision.map(FailoverDecision::failbackPending).orElse(false), transitionsView, actionsView);
    }

    private static <T> void record(ArrayDeque<T> deque, T item) {
        deque.addLast(item);
        while (deque.size() > HISTORY) {
            deque.removeFirst();
        }
    }

    /**
     * Stops for good (a reload removed the link or restarts its controller): waits for a running action
     * like {@link #close()}, then drops the link's series.
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
        // The loop no longer runs this controller (a reload waited for its pass; at shutdown the loop has
        // stopped), so the results of the hook that was still running are handled here, on the closing
        // thread: a hook that failed during a reload or a shutdown still gets its log line, metric and alert.
        long now = clock.nanos();
        inbox.drainActions(r -> onAction(r, now));
    }
}
