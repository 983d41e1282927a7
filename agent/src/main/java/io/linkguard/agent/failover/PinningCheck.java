package io.linkguard.agent.failover;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Probes must keep watching the tunnel while traffic is on the backup, or the
 * agent cannot see the tunnel recover: once the route action points the
 * remote prefixes at the proxy, unpinned probes to the peer would follow.
 * Pinning is either SO_BINDTODEVICE ({@code interface:}) or SO_MARK
 * ({@code fwmark:}) plus a policy rule that routes marked packets through the
 * tunnel, e.g. {@code ip rule add fwmark 0x64 lookup 100} with table 100
 * holding the route to the peer via the tunnel. This checks that at start-up.
 */
public final class PinningCheck {
    private PinningCheck() {
    }

    /** Empty if the link's probes are pinned; otherwise the operator-facing error. */
    public static Optional<String> problem(String link, Optional<String> iface, OptionalLong fwmark, boolean ipv6) {
        if (iface.isPresent()) {
            return Optional.empty();
        }
        if (fwmark.isEmpty()) {
            return Optional.of("link " + link + " has failover paths but its probes are not pinned to the tunnel:"
                    + " after a failover they would follow the backup route and never see the tunnel recover."
                    + " Set links[].interface (the tunnel device) or links[].fwmark with a policy rule,"
                    + " e.g. ip rule add fwmark 0x64 lookup 100");
        }
        CommandRunner.Result r = CommandRunner.run(List.of("/usr/sbin/ip", ipv6 ? "-6" : "-4", "rule", "show"),
                Map.of(), Duration.ofSeconds(5));
        if (r.outcome() != ActionOutcome.OK) {
            return Optional.of("link " + link + ": cannot read policy rules (ip rule show: " + r.output() + ")");
        }
        if (hasRuleFor(r.output(), fwmark.getAsLong())) {
            return Optional.empty();
        }
        String mark = "0x" + Long.toHexString(fwmark.getAsLong());
        return Optional.of("link " + link + ": no policy rule matches fwmark " + mark + ", so marked probes follow the"
                + " main table and cannot watch the tunnel while traffic is on the backup. Add one, e.g. ip "
                + (ipv6 ? "-6 " : "") + "rule add fwmark " + mark + " lookup 100 (with table 100 routing the peer"
                + " via the tunnel)");
    }

    /** Pure: does {@code ip rule show} output contain a rule for this mark (with or without a mask)? */
    static boolean hasRuleFor(String ipRuleShow, long fwmark) {
        String hex = "fwmark 0x" + Long.toHexString(fwmark).toLowerCase(Locale.ROOT);
        for (String line : ipRuleShow.split("[\\n;]")) {
            String l = line.toLowerCase(Locale.ROOT) + " ";
            if (l.contains(hex + " ") || l.contains(hex + "/")) {
                return true;
            }
        }
        return false;
    }
}
