package io.linkguard.probes.pmtu;

import io.linkguard.probes.net.LinuxSocket;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One path-MTU search, as the state machine of RFC 8899 §5.2 runs it, with no I/O and no clock:
 * the caller sends the size {@link #next()} names, then reports what came back. Sizes are IP
 * packet sizes.
 *
 * <ul>
 *   <li>BASE: confirm BASE_PLPMTU first (§5.2), so a peer that answers nothing is told apart from
 *       a path that is merely narrow.</li>
 *   <li>ERROR: BASE got no reply after MAX_PROBES tries. Probe MIN_PLPMTU; if that passes the
 *       search goes on below BASE, if not the peer does not answer and the search ends.</li>
 *   <li>SEARCHING: probe MAX_PLPMTU (or the size a PTB or the local stack named) at once, since
 *       most paths carry it; after that, halve the range between the largest confirmed size and the
 *       smallest failed one (RFC 4821 §7.3 binary search).</li>
 *   <li>SEARCH_COMPLETE: the largest confirmed size is one below the smallest failed size.</li>
 * </ul>
 *
 * <p>Only a reply confirms a size (§4.3). A size fails for good after MAX_PROBES tries without a
 * reply (PROBE_COUNT, §5.1.3), or at once when a validated PTB quoting it arrives. While
 * searching, one lost try is enough to search below that size for now ("a new probe of the same
 * size or any other size", §5.3.1); the size is tried again only if it ends up bounding the
 * answer, so a black hole costs one timeout per halving instead of MAX_PROBES, and the answer
 * still rests on MAX_PROBES lost tries of the size just above it. Once a size that lost a try
 * passes after all, the path is lossy, and the rest of the search tries each size MAX_PROBES
 * times in a row before moving on, as §5.1.3 describes. A size that failed with no ICMP
 * message at all while a smaller one passed is a black hole (§4.4). A reply always wins over an
 * earlier loss or PTB (§5.3.3 resilience): the failures at or below it are forgotten. The probes
 * of one search never exceed the cap, whatever the path does.
 */
public final class PmtuSearch {
    /**
     * Local EMSGSIZE refusals tolerated in one search. One is normal (it names the interface MTU);
     * each further one lowers MAX_PLPMTU or fails a size, so more than this means a confused stack.
     */
    private static final int MAX_LOCAL_REFUSALS = 16;

    /** RFC 8899 §5.2 states (DISABLED has no meaning for a one-shot search). */
    public enum Phase { BASE, SEARCHING, SEARCH_COMPLETE, ERROR }

    private final int minPlpmtu;
    private final int basePlpmtu;
    private final int maxProbes;
    private final int probeCap;
    /** MAX_PLPMTU; lowered when the local stack refuses a size (EMSGSIZE names the interface MTU). */
    private int maxPlpmtu;

    private Phase phase = Phase.BASE;
    private boolean finished;
    /** PLPMTU: the largest size a reply confirmed, 0 before any. */
    private int plpmtu;
    /** The smallest MTU a validated PTB reported. */
    private int ptbBound = Integer.MAX_VALUE;
    private final FailedSizes failures;
    /** Probe the upper bound itself next: MAX_PLPMTU at first, then a size a PTB named (§4.6.2). */
    private boolean probeUpperNext = true;
    /** PROBED_SIZE (§5.1.3): the size of the try in flight. */
    private int probedSize;
    /** A size that lost a try later passed: retry each size at once from now on. */
    private boolean lossSeen;
    private int probesSent;
    private int localRefusals;
    private boolean ptbSeen;
    private int lastPtbMtu = -1;
    private int ignoredPtbs;
    private String error;
    private String lastIcmpError;

    /**
     * @param maxPlpmtu the largest size to try; {@link PmtuSettings#MAX_MTU} when the interface
     *                  MTU is to be learned from the local stack's refusal
     */
    public PmtuSearch(int minPlpmtu, int basePlpmtu, int maxPlpmtu, int maxProbes, int probeCap) {
        if (minPlpmtu < 1 || basePlpmtu < minPlpmtu || maxPlpmtu < minPlpmtu || maxProbes < 1 || probeCap < 1) {
            throw new IllegalArgumentException("search bounds min " + minPlpmtu + ", base " + basePlpmtu + ", max "
                    + maxPlpmtu + ", " + maxProbes + " probes per size, cap " + probeCap);
        }
        this.minPlpmtu = minPlpmtu;
        this.basePlpmtu = Math.min(basePlpmtu, maxPlpmtu);
        this.maxPlpmtu = maxPlpmtu;
        this.maxProbes = maxProbes;
        this.probeCap = probeCap;
        this.failures = new FailedSizes(maxProbes);
    }

    public static PmtuSearch of(LinuxSocket.Family family, PmtuSettings s) {
        int max = s.maxMtu() == 0 ? PmtuSettings.MAX_MTU : s.maxMtu();
        return new PmtuSearch(s.minMtu(), s.baseMtu(family), max, s.maxProbesPerSize(), s.maxProbesPerSearch());
    }

    /** The size to send now, or empty when the search is over. */
    public OptionalInt next() {
        if (!finished && localRefusals > MAX_LOCAL_REFUSALS) {
            finish(Phase.ERROR, "the local stack refused " + localRefusals
                    + " probe sizes without naming a usable MTU");
        }
        int size = finished ? 0 : plpmtu > 0 ? searchingCandidate() : baseCandidate();
        if (finished) {
            return OptionalInt.empty();
        }
        if (probesSent >= probeCap) {
            finish(plpmtu > 0 ? Phase.SEARCH_COMPLETE : Phase.ERROR, "probe cap of " + probeCap
                    + " reached before the search converged"
                    + (plpmtu > 0 ? " (path MTU between " + plpmtu + " and " + definiteUpper() + ")" : ""));
            return OptionalInt.empty();
        }
        probedSize = size;
        return OptionalInt.of(size);
    }

    /**
     * BASE: BASE_PLPMTU (or a smaller size a PTB or the interface named) until it passes or fails
     * for good; then ERROR: MIN_PLPMTU, to tell a narrow path from a silent peer.
     */
    private int baseCandidate() {
        if (phase == Phase.BASE) {
            int base = Math.min(basePlpmtu, hardUpper());
            if (!failures.isDefinite(base)) {
                return base;
            }
            phase = Phase.ERROR; // is the peer there at all?
        }
        if (failures.isDefinite(minPlpmtu)) {
            finish(Phase.ERROR, noReplyText());
            return 0;
        }
        return minPlpmtu;
    }

    /** SEARCHING: the upper bound first when it is a hint, else the middle of the open range (RFC 4821 §7.3). */
    private int searchingCandidate() {
        if (lossSeen && wants(probedSize) && failures.tries(probedSize) > 0) {
            return probedSize; // a lossy path: one lost try says little, try the same size again
        }
        int upper = upper();
        if (plpmtu >= upper) {
            int edge = upper + 1;
            if (upper < hardUpper() && !failures.isDefinite(edge)) {
                return edge; // the answer rests on this size failing: give it its MAX_PROBES tries
            }
            phase = Phase.SEARCH_COMPLETE;
            finished = true;
            return 0;
        }
        return probeUpperNext && upper == hardUpper() ? upper : plpmtu + (upper - plpmtu + 1) / 2;
    }

    /** A probe of {@code size} left. */
    public void onSent(int size) {
        probesSent++;
    }

    /** True while a reply or error for the try of {@code size} in flight would still change the search. */
    public boolean wants(int size) {
        return !finished && size > 0 && size == probedSize && size > plpmtu && size <= definiteUpper();
    }

    /** An echo reply of the full size came back (RFC 8899 §4.3), possibly late. */
    public void onConfirmed(int size) {
        if (finished || size <= plpmtu) {
            return;
        }
        plpmtu = size;
        lossSeen |= failures.confirmed(size);
        if (ptbBound < size) {
            ptbBound = Integer.MAX_VALUE; // the PTB said this could not pass, and it did
        }
        phase = Phase.SEARCHING;
    }

    /** PROBE_TIMER expired for the try of {@code size}. */
    public void onTimeout(int size) {
        lostTry(size, false);
    }

    /** An ICMP error other than PTB (unreachable, TTL exceeded) quoted the try of {@code size}. */
    public void onIcmpError(int size, String what) {
        lastIcmpError = what;
        lostTry(size, true);
    }

    private void lostTry(int size, boolean signalled) {
        if (wants(size)) {
            failures.lostTry(size, signalled);
            if (size >= hardUpper()) {
                probeUpperNext = false;
            }
        }
    }

    /**
     * A PTB (ICMP fragmentation needed, ICMPv6 Packet Too Big) quoting a probe of {@code size}
     * arrived, reporting {@code mtu} (0 from a router older than RFC 1191). Validated per RFC 8899
     * §4.6.1/§4.6.2: an MTU below MIN_PLPMTU, at or above the probed size, or below a size a reply
     * already confirmed is ignored (the try still counts as lost). A valid one fails the size at
     * once and makes its MTU the next probe; it never sets the PLPMTU by itself. Returns whether
     * it was used.
     */
    public boolean onPtb(int size, int mtu) {
        if (finished || size <= plpmtu || mtu != 0 && (mtu < minPlpmtu || mtu >= size || mtu < plpmtu)) {
            ignoredPtbs++;
            lostTry(size, true);
            return false;
        }
        ptbSeen = true;
        failures.failNow(size);
        if (mtu > 0) {
            lastPtbMtu = mtu;
            ptbBound = Math.min(ptbBound, mtu);
            probeUpperNext = true;
        } else if (size >= hardUpper()) {
            probeUpperNext = false;
        }
        return true;
    }

    /**
     * The local stack refused to send {@code size} with DF set (EMSGSIZE) and named {@code mtu},
     * the MTU of the interface the route leaves by: MAX_PLPMTU can be no larger (RFC 8899 §5.1.2).
     */
    public void onLocalTooBig(int size, int mtu) {
        localRefusals++;
        if (mtu > 0 && mtu < minPlpmtu) {
            finish(Phase.ERROR, "the interface toward the peer has MTU " + mtu + ", below the minimum " + minPlpmtu);
        } else if (mtu >= minPlpmtu && mtu < size) {
            maxPlpmtu = Math.min(maxPlpmtu, mtu);
            probeUpperNext = true;
        } else {
            failures.failNow(size); // no usable figure: at least this size cannot leave
        }
    }

    /** Ends the search at once, e.g. when a send failed or the caller was interrupted. */
    public void abort(String why) {
        if (!finished) {
            finish(Phase.ERROR, why);
        }
    }

    private void finish(Phase p, String why) {
        phase = p;
        finished = true;
        error = why;
    }

    private String noReplyText() {
        String base = "no reply from the peer to " + maxProbes + " probe(s) of " + minPlpmtu + " bytes";
        return lastIcmpError == null ? base : base + " (last ICMP error: " + lastIcmpError + ")";
    }

    /** What no reply can overturn: MAX_PLPMTU and a validated PTB's MTU. */
    private int hardUpper() {
        return Math.min(maxPlpmtu, ptbBound);
    }

    /** The largest size not known or suspected to fail. */
    public int upper() {
        OptionalInt f = failures.smallest();
        return f.isPresent() ? Math.min(hardUpper(), f.getAsInt() - 1) : hardUpper();
    }

    /** The largest size not known to fail (suspicions aside). */
    private int definiteUpper() {
        OptionalInt f = failures.smallestDefinite();
        return f.isPresent() ? Math.min(hardUpper(), f.getAsInt() - 1) : hardUpper();
    }

    public Phase phase() {
        return phase;
    }

    public boolean finished() {
        return finished;
    }

    public int plpmtu() {
        return plpmtu;
    }

    public int probesSent() {
        return probesSent;
    }

    public int ignoredPtbs() {
        return ignoredPtbs;
    }

    /** The smallest size that failed for good with no ICMP message while a smaller size passed (§4.4). */
    public OptionalInt blackHoleAbove() {
        return plpmtu == 0 ? OptionalInt.empty() : failures.smallestVanished();
    }

    public PmtuResult result(InetAddress peer, Duration duration) {
        OptionalInt hole = blackHoleAbove();
        OptionalInt ptb = lastPtbMtu > 0 ? OptionalInt.of(lastPtbMtu) : OptionalInt.empty();
        Optional<String> why = finished && error == null ? Optional.empty()
                : Optional.of(error == null ? "search not finished" : error);
        return new PmtuResult(peer, plpmtu, ptbSeen, ptb, hole.isPresent(), hole, probesSent, duration, why);
    }
}
