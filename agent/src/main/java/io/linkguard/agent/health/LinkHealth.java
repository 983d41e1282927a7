package io.linkguard.agent.health;

import io.linkguard.agent.health.HealthTransition.Reason;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;
import io.linkguard.probes.ProbeResult;

import io.linkguard.probes.ProbeKind;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The health state of one link: UNKNOWN at start, then UP, DEGRADED or DOWN, from its BFD session, its
 * ICMP and TCP probe results and its path-MTU search results.
 *
 * <p>Pure: time comes in as monotonic nanoseconds with every call, nothing is scheduled and nothing is
 * read from a clock. Each input method re-evaluates and returns the transition it caused, if any. Time
 * alone can also cause one (results sliding out of the window, the minimum time in a state running out,
 * a BFD session that never comes up), so the owner also calls {@link #evaluate} periodically, e.g. once
 * per probe interval.
 *
 * <p>Rules, in order: DOWN is entered at once, whatever the minimum time in state; UNKNOWN is left at
 * once; every other change waits until the link has been {@link LinkPolicy#minTimeInState()} in its
 * state. A link with a BFD session is UP only while BFD is Up. A link with no evidence either way (no
 * probe has said enough yet) keeps its state. Every departure from UP counts as a flap for
 * flap dampening (RFC 2439).
 *
 * <p>Not thread-safe: the owner serialises the calls for one link (one thread, or one lock per link).
 */
public final class LinkHealth {

    private final LinkPolicy policy;
    private final long startNanos;
    private final Evidence evidence;
    private final FlapDampening dampening;
    private LinkState state = LinkState.UNKNOWN;
    private long sinceNanos;
    /** Why the link is in its current non-UP state: its recovery reason is reported when it gets better. */
    private Reason cause;
    /** The detail that goes with {@link #cause}. */
    private String causeDetail = "";
    private Optional<HealthTransition> last = Optional.empty();

    /**
     * @param policy     how to judge
     * @param hasBfd     whether the link has a BFD session: then it is UP only while BFD is Up, and DOWN if the
     *                   session is not Up one {@link LinkPolicy#window()} after start
     * @param startNanos now, on the monotonic clock of every later call
     */
    public LinkHealth(LinkPolicy policy, boolean hasBfd, long startNanos) {
        this(policy, hasBfd, Map.of(), startNanos);
    }

    /**
     * @param silenceBounds how long the link's ICMP and its TCP probes may each go without a result
     *                      ({@link #silenceBound}, the largest over the probes of a kind): on a link without
     *                      BFD, when every kind has been silent past its bound, the link goes UNKNOWN
     *                      ({@link HealthTransition.Reason#NO_SAMPLES}) instead of keeping a stale state
     */
    public LinkHealth(LinkPolicy policy, boolean hasBfd, Map<ProbeKind, Duration> silenceBounds, long startNanos) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.startNanos = startNanos;
        this.sinceNanos = startNanos;
        this.evidence = new Evidence(policy, hasBfd, silenceBounds, startNanos);
        this.dampening = new FlapDampening(policy.dampening());
    }

    /** How long a probe with this interval and timeout may go without a result: max(3 x interval, interval + timeout + 1 s, 2 s). */
    public static Duration silenceBound(Duration interval, Duration timeout) {
        return Evidence.silenceBound(interval, timeout);
    }

    /**
     * The BFD session changed state.
     *
     * @param cause the diagnostic that explains it ({@code BfdStateChange.cause()}); administratively down
     *              is not a failure (RFC 5880 §6.8.16)
     */
    public Optional<HealthTransition> onBfd(BfdState bfdState, Diagnostic cause, long nowNanos) {
        evidence.bfd(Objects.requireNonNull(bfdState, "bfdState"), Objects.requireNonNull(cause, "cause"));
        return evaluate(nowNanos);
    }

    /** An ICMP or TCP probe completed (LATE and DUPLICATE results are ignored: already counted as loss). */
    public Optional<HealthTransition> onProbe(ProbeResult result, long nowNanos) {
        evidence.probe(result, nowNanos);
        return evaluate(nowNanos);
    }

    /**
     * A path-MTU search result: below {@code expected} makes the link DEGRADED,
     * with a reason that names both figures.
     */
    public Optional<HealthTransition> onMtu(int measured, int expected, long nowNanos) {
        evidence.mtu(measured, expected);
        return evaluate(nowNanos);
    }

    /**
     * What the kernel says of the link's interface and source address (rtnetlink). Anything but
     * {@link InterfaceCondition#PRESENT} makes the link DOWN at once, whatever the probes say.
     *
     * @param detail one line for an operator, e.g. {@code interface gre1 is operationally down}
     */
    public Optional<HealthTransition> onInterface(InterfaceCondition condition, String detail, long nowNanos) {
        evidence.iface(Objects.requireNonNull(condition, "condition"), Objects.requireNonNull(detail, "detail"),
                nowNanos);
        return evaluate(nowNanos);
    }

    /** The link's BFD session was replaced: the new one has one window to come Up (as at start). */
    public Optional<HealthTransition> onBfdRestarted(long nowNanos) {
        evidence.bfdRestarted(nowNanos);
        return evaluate(nowNanos);
    }

    /** Re-judges the link at {@code nowNanos}; returns the transition if the state changed. */
    public Optional<HealthTransition> evaluate(long nowNanos) {
        Optional<Evidence.Verdict> judged = evidence.judge(nowNanos, startNanos);
        if (judged.isEmpty()) {
            return Optional.empty();
        }
        Evidence.Verdict verdict = judged.get();
        if (verdict.state() == state) {
            if (state != LinkState.UP) {
                cause = verdict.reason(); // the latest reason to stay: e.g. loss still high after BFD came back
                causeDetail = verdict.detail();
            }
            return Optional.empty();
        }
        // DOWN at once; UNKNOWN (no samples) at once too: there is nothing left to hold a state on.
        boolean immediate = verdict.state() == LinkState.DOWN || verdict.state() == LinkState.UNKNOWN
                || state == LinkState.UNKNOWN;
        if (!immediate && nowNanos - sinceNanos < policy.minTimeInState().toNanos()) {
            return Optional.empty();
        }
        return Optional.of(enter(verdict, nowNanos));
    }

    private HealthTransition enter(Evidence.Verdict verdict, long nowNanos) {
        HealthTransition transition;
        boolean backFromSilence = state == LinkState.UNKNOWN
                && last.map(t -> t.reason() == Reason.NO_SAMPLES).orElse(false);
        if (backFromSilence) {
            Evidence.Verdict recovery = evidence.recovery(cause, state);
            String detail = verdict.state() == LinkState.UP ? recovery.detail()
                    : recovery.detail() + "; " + verdict.state().label() + ": " + verdict.detail();
            transition = new HealthTransition(state, verdict.state(),
                    verdict.state() == LinkState.UP ? recovery.reason() : verdict.reason(), detail,
                    verdict.value(), verdict.threshold(), nowNanos);
        } else if (verdict.state() == LinkState.UNKNOWN) {
            transition = new HealthTransition(state, verdict.state(), verdict.reason(), verdict.detail(),
                    verdict.value(), verdict.threshold(), nowNanos);
        } else if (state == LinkState.UNKNOWN && verdict.state() == LinkState.UP) {
            transition = new HealthTransition(state, LinkState.UP, Reason.STARTUP, verdict.detail(), Double.NaN,
                    Double.NaN, nowNanos);
        } else if (state != LinkState.UNKNOWN && verdict.state().severity() < state.severity()) {
            Evidence.Verdict recovery = evidence.recovery(cause, state);
            String detail = verdict.state() == LinkState.UP
                    ? recovery.detail()
                    : recovery.detail() + "; still " + verdict.state().label() + ": " + verdict.detail();
            transition = new HealthTransition(state, verdict.state(), recovery.reason(), detail, recovery.value(),
                    recovery.threshold(), nowNanos);
        } else {
            transition = new HealthTransition(state, verdict.state(), verdict.reason(), verdict.detail(),
                    verdict.value(), verdict.threshold(), nowNanos);
        }
        if (state == LinkState.UP) {
            dampening.flap(nowNanos);
        }
        state = verdict.state();
        sinceNanos = nowNanos;
        cause = state == LinkState.UP ? null : verdict.reason();
        causeDetail = verdict.detail();
        last = Optional.of(transition);
        return transition;
    }

    public LinkState state() {
        return state;
    }

    /**
     * Why the link is in its state now: for a link not UP the latest cause to be there (it follows the
     * evidence: a link Down for {@code interface_absent} whose interface came back but whose BFD is not
     * Up yet is Down for {@code bfd_down}); for UP, the reason it came Up. Empty before the first judgement.
     */
    public Optional<LinkHealthSnapshot.Cause> reason() {
        return state == LinkState.UP || cause == null
                ? last.map(t -> new LinkHealthSnapshot.Cause(t.reason(), t.detail()))
                : Optional.of(new LinkHealthSnapshot.Cause(cause, causeDetail));
    }

    /** How long the link has been UP without a break (zero when it is not UP): the failback clock. */
    public Duration stableUpFor(long nowNanos) {
        return state == LinkState.UP ? Duration.ofNanos(nowNanos - sinceNanos) : Duration.ZERO;
    }

    /** Whether flap dampening keeps traffic off the link (RFC 2439 "suppressed"), even if it is UP. */
    public boolean suppressed(long nowNanos) {
        return dampening.suppressed(nowNanos);
    }

    /** The state and figures at {@code nowNanos} (this slides the ICMP window, as {@link #evaluate} does). */
    public LinkHealthSnapshot snapshot(long nowNanos) {
        ProbeWindow.Stats s = evidence.stats(nowNanos);
        return new LinkHealthSnapshot(state, sinceNanos, s.lossRatio(), s.medianRttNanos(), s.jitterNanos(),
                s.samples(), dampening.penalty(nowNanos), dampening.suppressed(nowNanos), last, nowNanos, reason());
    }
}
