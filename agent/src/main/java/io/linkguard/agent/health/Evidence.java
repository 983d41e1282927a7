package io.linkguard.agent.health;

import io.linkguard.agent.health.HealthTransition.Reason;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;
import io.linkguard.probes.ProbeResult;

import io.linkguard.probes.ProbeKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the inputs of one link say right now: the state they call for, and why. {@link LinkHealth} adds
 * time (minimum time in state), transitions and dampening on top.
 *
 * <p>Each threshold pair is a latch: it sets when its figure reaches the enter value and clears when the
 * figure falls to the leave value, so in between the link keeps the state it has. The latch remembers
 * the figure that flipped it, which is the value an operator is shown.
 *
 * <p>Not thread-safe: {@link LinkHealth} owns it.
 */
final class Evidence {

    /** What BFD says about the link. */
    private enum Bfd {
        /** The link has no BFD session, or it is administratively down (RFC 5880 §6.8.16: not a failure). */
        NONE,
        /** A session is configured but has not been Up yet. */
        PENDING,
        UP,
        /** The session left Up for a failure, and has not come back Up. */
        DOWN
    }

    /** The state the inputs call for; value and threshold in base units (ratio, seconds), NaN if none. */
    record Verdict(LinkState state, Reason reason, String detail, double value, double threshold) {
    }

    private final LinkPolicy policy;
    private final ProbeWindow icmp;
    private final TcpStreaks tcp = new TcpStreaks();
    private final Latch lossDegraded = new Latch();
    private final Latch lossDown = new Latch();
    private final Latch rtt = new Latch();
    private final Latch jitter = new Latch();
    private Bfd bfd;
    private BfdState bfdState = BfdState.DOWN;
    private Diagnostic bfdCause = Diagnostic.NONE;
    private boolean mtuBelowExpected;
    /** The last measured path MTU and the expected one, bytes; for the reason text. */
    private int mtuMeasured;
    private int mtuExpected;
    /** Per sample-based probe kind: how long it may be silent; empty on a BFD link (BFD detects for itself). */
    private final Map<ProbeKind, Long> silenceBoundNanos = new EnumMap<>(ProbeKind.class);
    private final Map<ProbeKind, Long> lastSampleNanos = new EnumMap<>(ProbeKind.class);
    private final boolean hasBfd;
    /** When BFD last started waiting for its first Up: at start, and when the interface came back. */
    private long bfdPendingSinceNanos;
    /** What BFD waits since, for the reason text: start, the interface's return, a new session. */
    private String bfdPendingSince = "start";
    /** The interface was absent (or its source) since it was last present: its BFD session went with it. */
    private boolean unboundSincePresent;
    private InterfaceCondition iface = InterfaceCondition.PRESENT;
    /** What the kernel said of the interface, for the reason text: "interface gre1 is absent". */
    private String ifaceDetail = "";

    Evidence(LinkPolicy policy, boolean hasBfd) {
        this(policy, hasBfd, Map.of(), 0);
    }

    /**
     * @param silenceBounds how long each sample-based kind (ICMP, TCP) may go without a result
     *                      ({@link #silenceBound}, the largest over the link's probes of that kind);
     *                      a kind absent is not expected to report
     */
    Evidence(LinkPolicy policy, boolean hasBfd, Map<ProbeKind, Duration> silenceBounds, long startNanos) {
        this.policy = policy;
        this.icmp = new ProbeWindow(policy.window().toNanos());
        this.bfd = hasBfd ? Bfd.PENDING : Bfd.NONE;
        this.hasBfd = hasBfd;
        this.bfdPendingSinceNanos = startNanos;
        if (!hasBfd) {
            silenceBounds.forEach((kind, bound) -> {
                if (kind == ProbeKind.ICMP || kind == ProbeKind.TCP) {
                    silenceBoundNanos.put(kind, bound.toNanos());
                    lastSampleNanos.put(kind, startNanos);
                }
            });
        }
    }

    /**
     * How long a probe may go without a result before its link is UNKNOWN: max(3 x interval,
     * interval + timeout + 1 s, 2 s). A lost request reports only at its timeout, so after the last
     * reply the next result can take an interval plus a timeout (the timeout may exceed the
     * interval: ICMP defaults to 2 s); the second covers scheduler lag, so a dying link is judged
     * Down by its losses, not first UNKNOWN for want of them.
     */
    static Duration silenceBound(Duration interval, Duration timeout) {
        Duration bound = interval.multipliedBy(3);
        Duration lossReport = interval.plus(timeout).plus(LATE_RESULT_SLACK);
        if (lossReport.compareTo(bound) > 0) {
            bound = lossReport;
        }
        return bound.compareTo(MIN_SILENCE) > 0 ? bound : MIN_SILENCE;
    }

    static final Duration LATE_RESULT_SLACK = Duration.ofSeconds(1);
    static final Duration MIN_SILENCE = Duration.ofSeconds(2);

    /**
     * The no_samples rule: true if every sample-based probe kind of the link has been silent past its bound,
     * and a detail naming how long. BFD links are judged by BFD (RFC 5880 §6.8.4 detection time) instead.
     */
    private Optional<String> silent(long nowNanos) {
        if (silenceBoundNanos.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<ProbeKind, Long> e : silenceBoundNanos.entrySet()) {
            long quiet = nowNanos - lastSampleNanos.get(e.getKey());
            if (quiet <= e.getValue()) {
                return Optional.empty();
            }
            parts.add(e.getKey().label() + " silent " + DetailFormat.duration(Duration.ofNanos(quiet).truncatedTo(
                    java.time.temporal.ChronoUnit.MILLIS)) + " > " + DetailFormat.duration(Duration.ofNanos(e.getValue())));
        }
        return Optional.of("no probe results: " + String.join(", ", parts));
    }

    /**
     * A BFD state change. Only leaving Up for a failure makes BFD say DOWN; Down and Init on the way back
     * Up after that (or before the first Up) change nothing. Administratively down, ours or the peer's,
     * is an operator's act, not a path failure (RFC 5880 §6.8.16): BFD then says nothing either way.
     */
    void bfd(BfdState state, Diagnostic cause) {
        bfdState = state;
        bfdCause = cause;
        if (state == BfdState.UP) {
            bfd = Bfd.UP;
        } else if (state == BfdState.ADMIN_DOWN || cause == Diagnostic.ADMINISTRATIVELY_DOWN) {
            bfd = Bfd.NONE;
        } else if (bfd == Bfd.UP) {
            bfd = Bfd.DOWN;
        }
    }

    /**
     * What the kernel says of the link's interface now. Absent (or its source address gone) tears the
     * link's BFD session down: when it is back, BFD starts over as at start (pending, one window to come
     * Up). Probe results while it is not present are no evidence (a send through a down interface fails
     * at once, which says nothing of the path), and when it is back the link is judged, as at start, on
     * what is measured from then on: windows, streaks and latches are cleared and the silence clock starts.
     */
    void iface(InterfaceCondition condition, String detail, long nowNanos) {
        InterfaceCondition before = iface;
        iface = condition;
        ifaceDetail = detail;
        if (condition.unbound()) {
            unboundSincePresent = true;
            if (hasBfd) {
                bfd = Bfd.PENDING;
            }
        }
        if (before != InterfaceCondition.PRESENT && condition == InterfaceCondition.PRESENT) {
            if (unboundSincePresent && hasBfd) {
                // Absent, then down, then up is the usual way back: the session is bound anew only now.
                bfdPendingSinceNanos = nowNanos;
                bfdPendingSince = "the interface came back";
            }
            unboundSincePresent = false;
            lastSampleNanos.replaceAll((k, v) -> nowNanos);
            icmp.clear();
            tcp.clear();
            for (Latch l : List.of(lossDegraded, lossDown, rtt, jitter)) {
                l.active = false;
                l.crossedAt = Double.NaN;
            }
        }
    }

    /**
     * The link's BFD session was replaced by a new one (a reload changed it, its key file changed, its
     * interface was re-created): the old session's Up is no evidence for the new one, which must come Up
     * within a window, as at start.
     */
    void bfdRestarted(long nowNanos) {
        if (hasBfd) {
            bfd = Bfd.PENDING;
            bfdPendingSinceNanos = nowNanos;
            bfdPendingSince = "its session was restarted";
        }
    }

    void probe(ProbeResult result, long nowNanos) {
        if (iface != InterfaceCondition.PRESENT) {
            return; // ENETDOWN and the like: the interface's state already judges the link
        }
        lastSampleNanos.computeIfPresent(result.kind(), (k, v) -> nowNanos);
        switch (result.kind()) {
            case ICMP -> icmp.add(result, nowNanos);
            case TCP -> tcp.add(result);
        }
    }

    void mtu(int measured, int expected) {
        mtuMeasured = measured;
        mtuExpected = expected;
        mtuBelowExpected = measured < expected;
    }

    private String mtuDetail(String prefix) {
        return mtuExpected > 0 ? prefix + " (" + mtuMeasured + " bytes, expected " + mtuExpected + ")" : prefix;
    }

    ProbeWindow.Stats stats(long nowNanos) {
        return icmp.stats(nowNanos);
    }

    /** Updates the latches from the window and says which state the inputs call for; empty: no evidence. */
    Optional<Verdict> judge(long nowNanos, long startNanos) {
        ProbeWindow.Stats s = icmp.stats(nowNanos);
        boolean lossJudged = s.samples() >= policy.minSamples();
        if (lossJudged) {
            lossDown.update(s.lossRatio(), policy.lossDown().enter(), policy.lossDown().leave());
            lossDegraded.update(s.lossRatio(), policy.lossDegraded().enter(), policy.lossDegraded().leave());
        }
        if (s.successes() >= policy.minSamples()) {
            policy.rttDegraded().ifPresent(h -> rtt.update(s.medianRttNanos(), h.enter().toNanos(),
                    h.leave().toNanos()));
            policy.jitterDegraded().ifPresent(h -> jitter.update(s.jitterNanos(), h.enter().toNanos(),
                    h.leave().toNanos()));
        }
        String window = DetailFormat.duration(policy.window());
        int tcpThreshold = policy.tcpFailures();
        if (iface != InterfaceCondition.PRESENT) {
            // Before any probe: the kernel knows at once, a probe only after its timeout.
            return verdict(LinkState.DOWN, iface.reason(), ifaceDetail, Double.NaN, Double.NaN);
        }
        if (bfd == Bfd.DOWN) {
            return verdict(LinkState.DOWN, Reason.BFD_DOWN, "BFD " + bfdState.display() + ": "
                    + bfdCause.description(), Double.NaN, Double.NaN);
        }
        if (bfd == Bfd.PENDING && nowNanos - bfdPendingSinceNanos >= policy.window().toNanos()) {
            return verdict(LinkState.DOWN, Reason.BFD_DOWN, "BFD session not Up " + window + " after "
                    + bfdPendingSince, Double.NaN,
                    Double.NaN);
        }
        Optional<String> silent = silent(nowNanos);
        if (silent.isPresent()) {
            // Stale latches must not keep the link UP (or DOWN) on evidence that stopped arriving.
            return verdict(LinkState.UNKNOWN, Reason.NO_SAMPLES, silent.get(), Double.NaN, Double.NaN);
        }
        if (lossDown.active) {
            return verdict(LinkState.DOWN, Reason.LOSS_ABOVE, loss(lossDown, policy.lossDown().enter(), ">=",
                    "down enter"), lossDown.crossedAt, policy.lossDown().enter());
        }
        Optional<TcpStreaks.Streak> tcpFailing = tcp.failing(tcpThreshold);
        if (tcp.allFailing(tcpThreshold) && bfd != Bfd.UP && !lossJudged) {
            return verdict(LinkState.DOWN, Reason.TCP_FAILING, tcp(tcpFailing.orElseThrow())
                    + ", and no other probe answers", tcpFailing.get().failures(), tcpThreshold);
        }
        if (lossDegraded.active) {
            return verdict(LinkState.DEGRADED, Reason.LOSS_ABOVE, loss(lossDegraded,
                    policy.lossDegraded().enter(), ">=", "degraded enter"), lossDegraded.crossedAt,
                    policy.lossDegraded().enter());
        }
        if (rtt.active) {
            var enter = policy.rttDegraded().orElseThrow().enter();
            return verdict(LinkState.DEGRADED, Reason.RTT_ABOVE, delay("rtt median", rtt, enter, ">=",
                    "degraded enter"), rtt.crossedAt / 1e9, enter.toNanos() / 1e9);
        }
        if (jitter.active) {
            var enter = policy.jitterDegraded().orElseThrow().enter();
            return verdict(LinkState.DEGRADED, Reason.JITTER_ABOVE, delay("jitter", jitter, enter, ">=",
                    "degraded enter"), jitter.crossedAt / 1e9, enter.toNanos() / 1e9);
        }
        if (tcpFailing.isPresent()) {
            return verdict(LinkState.DEGRADED, Reason.TCP_FAILING, tcp(tcpFailing.get()),
                    tcpFailing.get().failures(), tcpThreshold);
        }
        if (mtuBelowExpected) {
            return verdict(LinkState.DEGRADED, Reason.MTU_BELOW_EXPECTED, mtuDetail("path MTU below the expected value"),
                    mtuExpected > 0 ? mtuMeasured : Double.NaN, mtuExpected > 0 ? mtuExpected : Double.NaN);
        }
        if (bfd == Bfd.PENDING) {
            return Optional.empty(); // a link with a BFD session is UP only once BFD is
        }
        List<String> good = new ArrayList<>();
        if (bfd == Bfd.UP) {
            good.add("BFD Up");
        }
        if (lossJudged) {
            good.add("loss " + DetailFormat.percent(s.lossRatio()) + " over " + window + " (" + s.samples() + " samples)");
        }
        if (tcp.anyWorking()) {
            good.add("tcp probes answer");
        }
        return good.isEmpty()
                ? Optional.empty()
                : verdict(LinkState.UP, Reason.PROBES_RECOVERED, String.join(", ", good), Double.NaN, Double.NaN);
    }

    /** Why a state caused by {@code cause} was left for a better one, from state {@code from}. */
    Verdict recovery(Reason cause, LinkState from) {
        return switch (cause) {
            case BFD_DOWN -> bfd == Bfd.UP
                    ? new Verdict(from, Reason.BFD_UP, "BFD Up", Double.NaN, Double.NaN)
                    : new Verdict(from, Reason.BFD_ADMIN_DOWN, "BFD " + bfdState.display() + ", "
                            + Diagnostic.ADMINISTRATIVELY_DOWN.description()
                            + ": not a path failure (RFC 5880 §6.8.16)", Double.NaN, Double.NaN);
            case LOSS_ABOVE -> from == LinkState.DOWN
                    ? new Verdict(from, Reason.LOSS_BELOW, loss(lossDown, policy.lossDown().leave(), "<=",
                            "down leave"), lossDown.crossedAt, policy.lossDown().leave())
                    : new Verdict(from, Reason.LOSS_BELOW, loss(lossDegraded, policy.lossDegraded().leave(),
                            "<=", "degraded leave"), lossDegraded.crossedAt, policy.lossDegraded().leave());
            case RTT_ABOVE -> {
                var leave = policy.rttDegraded().orElseThrow().leave();
                yield new Verdict(from, Reason.RTT_BELOW, delay("rtt median", rtt, leave, "<=", "degraded leave"),
                        rtt.crossedAt / 1e9, leave.toNanos() / 1e9);
            }
            case JITTER_ABOVE -> {
                var leave = policy.jitterDegraded().orElseThrow().leave();
                yield new Verdict(from, Reason.JITTER_BELOW, delay("jitter", jitter, leave, "<=", "degraded leave"),
                        jitter.crossedAt / 1e9, leave.toNanos() / 1e9);
            }
            case TCP_FAILING -> new Verdict(from, Reason.TCP_RECOVERED, "tcp probes answer again", Double.NaN,
                    Double.NaN);
            case NO_SAMPLES -> new Verdict(from, Reason.PROBES_RECOVERED, "probe results arrive again", Double.NaN,
                    Double.NaN);
            case INTERFACE_ABSENT, SOURCE_ABSENT, INTERFACE_DOWN -> new Verdict(from, Reason.INTERFACE_UP,
                    ifaceDetail, Double.NaN, Double.NaN);
            case MTU_BELOW_EXPECTED -> new Verdict(from, Reason.MTU_RECOVERED,
                    mtuDetail("path MTU back to the expected value"), Double.NaN, Double.NaN);
            default -> new Verdict(from, Reason.PROBES_RECOVERED, "probes answer again", Double.NaN, Double.NaN);
        };
    }

    private static Optional<Verdict> verdict(LinkState state, Reason reason, String detail, double value,
                                             double threshold) {
        return Optional.of(new Verdict(state, reason, detail, value, threshold));
    }

    /** {@code loss 31.0% over 10s >= 5.0% (degraded enter)} */
    private String loss(Latch latch, double threshold, String op, String which) {
        return "loss " + DetailFormat.percent(latch.crossedAt) + " over " + DetailFormat.duration(policy.window()) + " " + op
                + " " + DetailFormat.percent(threshold) + " (" + which + ")";
    }

    /** {@code rtt median 312.4ms over 10s >= 250ms (degraded enter)} */
    private String delay(String what, Latch latch, java.time.Duration threshold, String op, String which) {
        return what + " " + DetailFormat.millis(latch.crossedAt) + " over " + DetailFormat.duration(policy.window()) + " "
                + op + " " + DetailFormat.duration(threshold) + " (" + which + ")";
    }

    /** {@code tcp 10.255.0.2:443 failed 3 times in a row (timeout) >= 3} */
    private static String tcp(TcpStreaks.Streak streak) {
        return "tcp " + streak.target() + " failed " + streak.failures() + " times in a row ("
                + streak.lastReason().label() + ")";
    }

    /** One enter/leave threshold pair's memory. */
    private static final class Latch {
        boolean active;
        /** The figure that last flipped the latch, either way. */
        double crossedAt = Double.NaN;

        void update(double value, double enter, double leave) {
            if (!active && value >= enter || active && value <= leave) {
                active = !active;
                crossedAt = value;
            }
        }
    }
}
