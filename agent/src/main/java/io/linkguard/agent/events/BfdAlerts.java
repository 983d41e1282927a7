package io.linkguard.agent.events;

import io.linkguard.alerts.AlertEvent;
import io.linkguard.alerts.AlertKind;
import io.linkguard.alerts.Severity;
import io.linkguard.bfd.engine.BfdStateChange;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.probes.Addresses;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which BFD session changes are alerts: leaving Up (with the diagnostic that
 * says who saw what, RFC 5880 §4.1), and coming back Up after that. The first
 * Up after start-up is not news. Down -> Init -> Down churn while the peer is
 * away is not either: the link-state alert already says the link is down.
 */
public final class BfdAlerts {
    private BfdAlerts() {
    }

    /** @param linkState the link's health state after the change, for the alert's state field */
    public static Optional<AlertEvent> of(BfdStateChange c, boolean wasUp, String linkState) {
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
}
