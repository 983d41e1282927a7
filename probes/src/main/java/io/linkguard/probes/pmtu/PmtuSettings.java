package io.linkguard.probes.pmtu;

import io.linkguard.probes.net.LinuxSocket;

import java.time.Duration;

/**
 * Settings of a path-MTU search. Sizes are IP packet sizes, the figure tracepath reports as
 * {@code pmtu}: the IP header (20 bytes IPv4, 40 IPv6) plus the 8-byte ICMP echo header plus
 * the padding.
 *
 * @param minMtu             MIN_PLPMTU (RFC 8899 §5.1.2): the smallest size ever probed. If it
 *                           gets no reply the peer counts as not answering. IPv4 68 (RFC 791: every
 *                           router forwards 68 bytes unfragmented), IPv6 1280 (RFC 8200 §5)
 * @param maxMtu             MAX_PLPMTU: the largest size probed; 0 means the MTU of the interface
 *                           the kernel routes the probes out of, learned from the local EMSGSIZE
 * @param probeTimeout       the longest wait for one probe's reply (PROBE_TIMER, RFC 8899 §5.1.1);
 *                           once replies have come back the wait shrinks to four round trips
 *                           (at least 100 ms), and a late reply still counts
 * @param maxProbesPerSize   MAX_PROBES (RFC 8899 §5.1.2, default 3): tries of one size before it
 *                           counts as failed, so one lost packet is not taken for a size limit
 * @param maxProbesPerSearch a hard cap on the probes one search sends, whatever the path does
 */
public record PmtuSettings(int minMtu, int maxMtu, Duration probeTimeout, int maxProbesPerSize,
                           int maxProbesPerSearch) {
    /** RFC 791: the smallest datagram every IPv4 router forwards unfragmented. */
    public static final int IPV4_MIN_MTU = 68;
    /** RFC 8200 §5: every IPv6 link carries 1280 bytes. */
    public static final int IPV6_MIN_MTU = 1280;
    /** The 16-bit IPv4 total length; IPv6 sizes are capped at the same value (no jumbograms). */
    public static final int MAX_MTU = 65_535;
    /** RFC 8899 §5.1.2 default. */
    public static final int DEFAULT_MAX_PROBES = 3;
    /**
     * Enough for the worst case on a 9000-byte interface: BASE and MIN_PLPMTU three times each,
     * then about 13 halvings with every size failing three times.
     */
    public static final int DEFAULT_PROBE_CAP = 50;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    public PmtuSettings {
        if (minMtu < IPV4_MIN_MTU || minMtu > MAX_MTU) {
            throw new IllegalArgumentException("minimum MTU " + minMtu + " (expected: " + IPV4_MIN_MTU + ".."
                    + MAX_MTU + ")");
        }
        if (maxMtu != 0 && (maxMtu < minMtu || maxMtu > MAX_MTU)) {
            throw new IllegalArgumentException("maximum MTU " + maxMtu + " (expected: 0 for the interface MTU, or "
                    + minMtu + ".." + MAX_MTU + ")");
        }
        if (probeTimeout == null || probeTimeout.toMillis() < 1 || probeTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("probe timeout " + probeTimeout + " (expected: 1ms..1m)");
        }
        if (maxProbesPerSize < 1 || maxProbesPerSize > 10) {
            throw new IllegalArgumentException("probes per size " + maxProbesPerSize + " (expected: 1..10)");
        }
        if (maxProbesPerSearch < maxProbesPerSize || maxProbesPerSearch > 1000) {
            throw new IllegalArgumentException("probes per search " + maxProbesPerSearch + " (expected: "
                    + maxProbesPerSize + "..1000)");
        }
    }

    /** MIN_PLPMTU of the family, the interface MTU as maximum, 1 s timeout, MAX_PROBES 3, 50 probes per search. */
    public static PmtuSettings defaults(LinuxSocket.Family family) {
        return new PmtuSettings(minimum(family), 0, DEFAULT_TIMEOUT, DEFAULT_MAX_PROBES, DEFAULT_PROBE_CAP);
    }

    public static int minimum(LinuxSocket.Family family) {
        return family == LinuxSocket.Family.INET ? IPV4_MIN_MTU : IPV6_MIN_MTU;
    }

    /**
     * BASE_PLPMTU (RFC 8899 §5.1.2): the first size probed, expected to work on most paths. IPv4:
     * the RECOMMENDED 1200; IPv6: 1280, which every link carries. Kept within [min, max].
     */
    public int baseMtu(LinuxSocket.Family family) {
        int base = family == LinuxSocket.Family.INET ? 1200 : IPV6_MIN_MTU;
        base = Math.max(base, minMtu);
        return maxMtu == 0 ? base : Math.min(base, maxMtu);
    }

    public PmtuSettings withMaxMtu(int max) {
        return new PmtuSettings(minMtu, max, probeTimeout, maxProbesPerSize, maxProbesPerSearch);
    }

    public PmtuSettings withProbeTimeout(Duration timeout) {
        return new PmtuSettings(minMtu, maxMtu, timeout, maxProbesPerSize, maxProbesPerSearch);
    }

    public PmtuSettings withMaxProbesPerSearch(int cap) {
        return new PmtuSettings(minMtu, maxMtu, probeTimeout, maxProbesPerSize, cap);
    }
}
