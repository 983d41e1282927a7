package io.linkguard.agent.events;

import io.linkguard.alerts.AlertEvent;
import io.linkguard.alerts.AlertKind;
import io.linkguard.alerts.Severity;
import io.linkguard.probes.pmtu.PmtuResult;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * When a link's path-MTU searches are news: the MTU dropped below what the
 * previous search confirmed, or below the expected MTU for the first time,
 * or a black hole appeared. A path that stays small is not re-alerted at
 * every search (the link-state alert and the metrics carry it); one that
 * grows again is not an alert either. One instance per link; called on the
 * link's PMTU thread only.
 */
public final class PmtuAlerts {
    private final String link;
    private final OptionalInt expected;
    private int lastMtu;
    private boolean lastBlackHole;

    public PmtuAlerts(String link, OptionalInt expected) {
        this.link = link;
        this.expected = expected;
    }

    public Optional<AlertEvent> onSearch(PmtuResult r, String linkState, Instant at) {
        if (r.pathMtu() <= 0) {
            return Optional.empty(); // no reply at all: loss and BFD tell that story
        }
        boolean dropped = lastMtu > 0 && r.pathMtu() < lastMtu;
        boolean newlyBelowExpected = expected.isPresent() && r.pathMtu() < expected.getAsInt()
                && (lastMtu == 0 || lastMtu >= expected.getAsInt());
        boolean newBlackHole = r.blackHole() && !lastBlackHole;
        int before = lastMtu;
        lastMtu = r.pathMtu();
        lastBlackHole = r.blackHole();
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
}
