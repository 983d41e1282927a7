package io.linkguard.agent.events;

import io.linkguard.agent.failover.ActionOutcome;
import io.linkguard.agent.failover.ActionResult;
import io.linkguard.agent.failover.ExecAction;
import io.linkguard.agent.failover.PathActions;
import io.linkguard.agent.health.FailoverDecision;
import io.linkguard.agent.health.LinkHealth;
import io.linkguard.agent.health.LinkPolicy;
import io.linkguard.agent.health.LinkState;
import io.linkguard.alerts.AlertEvent;
import io.linkguard.alerts.AlertKind;
import io.linkguard.bfd.engine.BfdStateChange;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;
import io.linkguard.exporter.FailoverMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One link's controller with everything around it faked: a fake clock stepped by the test, a failover
 * "thread" that only records what it was handed, and alerts collected in a list. Facts go in through
 * the inbox, as engines put them; nothing sleeps and nothing runs a command.
 */
final class ControllerFixture {
    static final String LINK = "la-sg";
    static final InetAddress PEER = InetAddress.getLoopbackAddress();
    static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final LinkClock clock = new LinkClock(nanos::get, () -> T0.plusNanos(nanos.get()));
    final PrometheusRegistry registry = new PrometheusRegistry();
    final FailoverMetrics metrics = new FailoverMetrics(registry,
            Arrays.stream(LinkState.values()).map(LinkState::label).toList(), LinkState.UNKNOWN.label(),
            Arrays.stream(ActionOutcome.values()).map(ActionOutcome::label).toList());
    final List<AlertEvent> alerts = new ArrayList<>();
    final List<Runnable> actionRuns = new ArrayList<>();
    final Recording executor = new Recording(actionRuns);
    final LinkInbox inbox;
    int bfdResyncs;
    final LinkController controller;

    /** @param withPaths whether the link has paths tunnel (primary) and proxy (backup) */
    ControllerFixture(boolean withPaths, int inboxCapacity) {
        this(withPaths, inboxCapacity, false);
    }

    /** @param interfaceDownIgnored {@code health.interface_down: ignore} */
    ControllerFixture(boolean withPaths, int inboxCapacity, boolean interfaceDownIgnored) {
        inbox = new LinkInbox(LINK, inboxCapacity, () -> { });
        List<PathActions> paths = !withPaths ? List.of() : List.of(path("tunnel"), path("proxy"));
        Optional<FailoverDecision> decision = !withPaths ? Optional.empty() : Optional.of(new FailoverDecision(
                List.of("tunnel", "proxy"), FailoverDecision.Policy.DEFAULT, Optional.of("tunnel")));
        controller = new LinkController(LINK, new LinkHealth(LinkPolicy.defaults(), true, clock.nanos()), decision,
                paths, metrics, alerts::add, inbox, clock, executor, () -> bfdResyncs++, interfaceDownIgnored);
    }

    ControllerFixture() {
        this(true, LinkInbox.CAPACITY);
    }

    private static PathActions path(String name) {
        return new PathActions(name, List.of(new ExecAction(LINK, name, List.of("/bin/true"), Duration.ofSeconds(1))));
    }

    void step(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    /** Publishes as the engine would, then lets the links thread drain. */
    void feed(LinkFact fact) {
        inbox.offer(fact);
        controller.drain();
    }

    /** What the session's listener remembers (BfdLinks): whether the session has been Up. */
    boolean sessionWasUp;

    LinkFact.Bfd bfd(BfdState from, BfdState to, Diagnostic diag) {
        boolean before = sessionWasUp;
        sessionWasUp |= to == BfdState.UP;
        return new LinkFact.Bfd(new BfdStateChange(LINK, PEER, from, to, diag, Diagnostic.NONE, to,
                clock.wall().millis()), false, before);
    }

    LinkFact.Bfd replay(BfdState state) {
        sessionWasUp |= state == BfdState.UP;
        return new LinkFact.Bfd(new BfdStateChange(LINK, PEER, state, state, Diagnostic.NONE, Diagnostic.NONE, state,
                clock.wall().millis()), true, sessionWasUp);
    }

    LinkFact.ActionRun failed(String path) {
        return new LinkFact.ActionRun(new ActionResult(LINK, path, "exec", "/bin/false", ActionOutcome.FAILED, 1,
                Duration.ofMillis(5), "", clock.wall().instant()));
    }

    List<AlertEvent> alerts(AlertKind kind) {
        return alerts.stream().filter(a -> a.kind() == kind).toList();
    }

    /** Records what the controller hands the failover thread instead of running it. */
    static final class Recording extends AbstractExecutorService {
        private final List<Runnable> handed;
        private boolean shutdown;

        Recording(List<Runnable> handed) {
            this.handed = handed;
        }

        @Override
        public void execute(Runnable command) {
            handed.add(command);
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
