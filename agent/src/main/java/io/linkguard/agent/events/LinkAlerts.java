package io.linkguard.agent.events;

import io.linkguard.agent.failover.ActionResult;
import io.linkguard.alerts.AlertEvent;
import io.linkguard.alerts.AlertKind;
import io.linkguard.alerts.Severity;
import io.linkguard.agent.health.HealthTransition;
import io.linkguard.agent.health.LinkHealthSnapshot;
import io.linkguard.agent.health.LinkState;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which link events become alerts, and with what figures. Pure: the
 * supervisor calls it and hands the result to the alert sink.
 *
 * <p>Unknown -> Up at start-up is not an alert (nothing happened to the
 * link); Unknown -> Down is (the tunnel is down as we start). Unknown because
 * the probes fell silent ({@code no_samples}) is a warning, and the return to
 * Up from it, like a return to Up after Degraded or Down, is a "resolved" alert that says since when the
 * problem lasted, which is what an operator closing the incident needs.
 */
public final class LinkAlerts {
    private LinkAlerts() {
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
