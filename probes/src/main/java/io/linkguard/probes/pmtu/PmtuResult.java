package io.linkguard.probes.pmtu;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The outcome of one path-MTU search.
 *
 * @param peer           the address probed
 * @param pathMtu        the largest IP packet size a reply confirmed (RFC 8899 §4.3: only a reply
 *                       confirms a size); 0 if none was confirmed
 * @param ptbSeen        a validated Packet Too Big (ICMP "fragmentation needed" or ICMPv6 type 2)
 *                       quoting one of our probes arrived during the search
 * @param ptbMtu         the MTU the last validated PTB reported (RFC 1191 §4, RFC 8201 §4), when it
 *                       carried one
 * @param blackHole      some size got no reply after MAX_PROBES tries, and no PTB for it, while a
 *                       smaller size passed (RFC 8899 §4.4): the path drops big packets silently
 * @param blackHoleAbove the smallest size that vanished that way (pathMtu + 1 once the search converged)
 * @param probes         echo requests sent on the wire in this search (local EMSGSIZE refusals not
 *                       counted); never more than the configured cap
 * @param duration       wall time of the search
 * @param error          why the search did not converge: no reply, the probe cap, a send failure;
 *                       empty when pathMtu is exact
 */
public record PmtuResult(InetAddress peer, int pathMtu, boolean ptbSeen, OptionalInt ptbMtu, boolean blackHole,
                         OptionalInt blackHoleAbove, int probes, Duration duration, Optional<String> error) {

    /** A search that could not run at all (the socket could not be opened, say). */
    public static PmtuResult failed(InetAddress peer, String why) {
        return new PmtuResult(peer, 0, false, OptionalInt.empty(), false, OptionalInt.empty(), 0, Duration.ZERO,
                Optional.of(why));
    }

    /** True when pathMtu is the exact path MTU: the search ended between a confirmed size and a failed one. */
    public boolean converged() {
        return pathMtu > 0 && error.isEmpty();
    }
}
