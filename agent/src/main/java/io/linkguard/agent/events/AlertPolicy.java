package io.linkguard.agent.events;

import io.linkguard.agent.failover.ActionResult;
import io.linkguard.agent.health.HealthTransition;
import io.linkguard.agent.health.LinkHealthSnapshot;
import io.linkguard.agent.health.LinkState;
import io.linkguard.alerts.AlertEvent;
import io.linkguard.alerts.AlertKind;
import io.linkguard.alerts.Severity;
import io.linkguard.bfd.engine.BfdStateChange;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.probes.Addresses;
import io.linkguard.probes.pmtu.PmtuResult;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which of a link's events are news, and with what figures: the one alert policy, called only by the
 * link's {@link LinkController} (on the {@code links} thread), which hands the result to the alert sink.
 * The link's state on every alert is the controller's own, never read back from elsewhere.
 *
 * <p>Link state: Unknown -> Up at start-up is not an alert (nothing happened to the link); Unknown -> Down
 * is (the tunnel is down as we start). Unknown because the probes fell silent ({@code no_samples}) is a
 * warning, and the return to Up from it, like a return to Up after Degraded or Down, is a "resolved" alert
 * that says since when the problem lasted, which is what an operator closing the incident needs.
 *
 * <p>BFD: leaving Up (with the diagnostic that says who saw what, RFC 5880 §4.1), and coming back Up after
 * that. The first Up after start-up is not news. Down -> Init -> Down churn while the peer is away is not
 * either: the link-state alert already says the link is down.
 *
 * <p>PMTU: the MTU dropped below what the previous search confirmed, or below the expected MTU for the
 * first time, or a black hole appeared. A path that stays small is not re-alerted at every search (the
 * link-state alert and the metrics carry it); one that grows again is not an alert either.
 *
 * <p>Pure but for the history the rules need, which lives with what it describes: the BFD session's
 * ("had it been Up", carried on {@link LinkFact.Bfd}) and the PMTU monitor's ({@link PmtuHistory}). One
 * instance per link, on the controller's thread.
 */
public final class AlertPolicy {
    private final String link;

    public AlertPolicy(String link) {
        this.link = link;
    }

    /**
     * @param wasUp     whether the session had been Up before this change (its first Up is not news)
     * @param linkState the link's health state after the change, for the alert's state field
     */
    static Optional<AlertEvent> bfd(BfdStateChange c, boolean wasUp, String linkState) {
        Instant at = Instant.ofEpochMilli(c.epochMillis());
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("bfd_peer", Addresses.format(c.peer()));
        if (c.from() == BfdState.UP && c.to() != BfdState.UP) {
            figures.put("bfd_diag", c.explanation());
            return Optional.of(new AlertEvent(AlertKind.BFD_DOWN, Severity.CRITICAL, c.name(), linkState,
                    "BFD session " + c.from().display() + " -> " + c.to().display() + ": " + c.explanation(),
                    figures, at, at));
        }
        if (c.to() == BfdState.UP && wasUp) {
            return Optional.of(new AlertEvent(AlertKind.BFD_UP, Severity.INFO, c.name(), linkState,
                    "BFD session " + c.from().display() + " -> Up", figures, at, at));
        }
        return Optional.empty();
    }

    /** A path-MTU search ended; {@code expected} is what the link's pmtu probe expects, if it says. */
    public Optional<AlertEvent> pmtu(PmtuResult r, OptionalInt expected, String linkState, Instant at,
                                     PmtuHistory history) {
        if (r.pathMtu() <= 0) {
            return Optional.empty(); // no reply at all: loss and BFD tell that story
        }
        int lastMtu = history.lastMtu;
        boolean dropped = lastMtu > 0 && r.pathMtu() < lastMtu;
        boolean newlyBelowExpected = expected.isPresent() && r.pathMtu() < expected.getAsInt()
                && (lastMtu == 0 || lastMtu >= expected.getAsInt());
        boolean newBlackHole = r.blackHole() && !history.lastBlackHole;
        int before = lastMtu;
        history.lastMtu = r.pathMtu();
        history.lastBlackHole = r.blackHole();
        if (!dropped && !newlyBelowExpected && !newBlackHole) {
            return Optional.empty();
        }
        StringBuilder reason = new StringBuilder("path MTU ").append(r.pathMtu()).append(" bytes");
        if (before > 0 && dropped) {
            reason.append(" (was ").append(before).append(")");
        }
        expected.ifPresent(e -> reason.append(", expected ").append(e));
        if (r.blackHole()) {
            reason.append("; black hole: packets above ").append(r.pathMtu())
                    .append(" bytes vanish and no Packet Too Big comes back (ICMP filtered on the path?)");
        }
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("pmtu_bytes", Integer.toString(r.pathMtu()));
        expected.ifPresent(e -> figures.put("expected_mtu_bytes", Integer.toString(e)));
        figures.put("ptb_seen", r.ptbSeen() ? "yes" : "no");
        figures.put("black_hole", r.blackHole() ? "yes" : "no");
        return Optional.of(new AlertEvent(AlertKind.PMTU_DROP, Severity.WARNING, link, linkState, reason.toString(),
                figures, at, at));
    }

    public static Optional<AlertEvent> transition(String link, HealthTransition t, LinkHealthSnapshot snap,
                                                  Optional<String> activePath, Optional<String> bfd, Instant at,
                                                  Instant problemSince) {
        // Unknown -> Up is news only when Unknown was a problem: the probes had fallen silent.
        boolean backFromSilence = t.from() == LinkState.UNKNOWN && t.reason() == HealthTransition.Reason.PROBES_RECOVERED;
        if (t.from() == LinkState.UNKNOWN && t.to() == LinkState.UP && !backFromSilence) {
            return Optional.empty();
        }
        boolean resolved = t.to() == LinkState.UP
                && (t.from() == LinkState.DEGRADED || t.from() == LinkState.DOWN || backFromSilence);
        AlertKind kind = resolved ? AlertKind.RESOLVED : AlertKind.LINK_STATE;
        Severity sev = switch (t.to()) {
            case DOWN -> Severity.CRITICAL;
            case DEGRADED -> Severity.WARNING;
            // No evidence at all: the link may be fine, but nobody can tell (a probe loop or the
            // path to the peer is broken), and the failover decision is frozen meanwhile.
            case UNKNOWN -> t.reason() == HealthTransition.Reason.NO_SAMPLES ? Severity.WARNING : Severity.INFO;
            default -> Severity.INFO;
        };
        Instant since = resolved ? problemSince : at;
        String reason = t.from().label() + " -> " + t.to().label() + ": " + t.detail();
        return Optional.of(new AlertEvent(kind, sev, link, t.to().label(), reason, figures(snap, activePath, bfd),
                at, since));
    }

    public static AlertEvent pathSwitch(String link, String from, String to, boolean toBackup, String why,
                                        LinkHealthSnapshot snap, Optional<String> bfd, Instant at) {
        AlertKind kind = toBackup ? AlertKind.FAILOVER : AlertKind.FAILBACK;
        Severity sev = toBackup ? Severity.WARNING : Severity.INFO;
        String reason = "traffic " + from + " -> " + to + ": " + why;
        return new AlertEvent(kind, sev, link, snap.state().label(), reason, figures(snap, Optional.of(to), bfd), at, at);
    }

    public static AlertEvent actionFailed(String link, ActionResult r, LinkHealthSnapshot snap, Optional<String> bfd,
                                          Instant at) {
        String reason = r.action() + " action for path " + r.path() + " " + r.outcome().label()
                + (r.exitCode() >= 0 ? " (exit " + r.exitCode() + ")" : "") + " after " + r.duration().toMillis()
                + " ms: " + r.what() + (r.detail().isEmpty() ? "" : " " + r.detail()) + "; retrying with backoff";
        return new AlertEvent(AlertKind.ACTION_FAILED, Severity.CRITICAL, link, snap.state().label(), reason,
                figures(snap, Optional.of(r.path()), bfd), at, at);
    }

    /** What became of a route of the active path that was found changed. */
    public enum RouteDrift {
        /** Put back: a warning. */
        PUT_BACK,
        /** Taken away too often, left alone: critical. */
        CONTESTED,
        /** Could not be put back (its interface down or gone, most likely); tried again with backoff: critical. */
        FAILED
    }

    public static AlertEvent routeDrift(String link, String path, String what, RouteDrift outcome,
                                        LinkHealthSnapshot snap, Optional<String> bfd, Instant at) {
        String reason = switch (outcome) {
            case PUT_BACK -> "route of path " + path + " put back: " + what;
            case CONTESTED -> "routes of path " + path + " left alone: " + what + "; taken away "
                    + RouteGuard.CONFLICT_COUNT + " times within " + RouteGuard.CONFLICT_WINDOW.toSeconds()
                    + " s: something else on the host manages them";
            case FAILED -> "route of path " + path + " could not be put back, retrying with backoff: " + what;
        };
        return new AlertEvent(AlertKind.ROUTE_DRIFT, outcome == RouteDrift.PUT_BACK ? Severity.WARNING
                : Severity.CRITICAL, link, snap.state().label(), reason, figures(snap, Optional.of(path), bfd), at, at);
    }

    /** The key figures of the link now, formatted for people. */
    public static Map<String, String> figures(LinkHealthSnapshot snap, Optional<String> activePath, Optional<String> bfd) {
        Map<String, String> f = new LinkedHashMap<>();
        if (snap.medianRttNanos() >= 0) {
            f.put("rtt_ms", String.format(Locale.ROOT, "%.1f", snap.medianRttNanos() / 1e6));
        }
        if (!Double.isNaN(snap.lossRatio())) {
            f.put("loss_pct", String.format(Locale.ROOT, "%.1f", snap.lossRatio() * 100));
        }
        if (Double.isFinite(snap.jitterNanos())) {
            f.put("jitter_ms", String.format(Locale.ROOT, "%.1f", snap.jitterNanos() / 1e6));
        }
        bfd.ifPresent(b -> f.put("bfd_diag", b));
        activePath.ifPresent(p -> f.put("active_path", p));
        return f;
    }
}
