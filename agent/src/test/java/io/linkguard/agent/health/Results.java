package io.linkguard.agent.health;

import io.linkguard.probes.FailureReason;
import io.linkguard.probes.Outcome;
import io.linkguard.probes.ProbeKind;
import io.linkguard.probes.ProbeResult;

/** Probe results and times for the health tests: the fake clock is a plain long of nanoseconds. */
final class Results {

    static final String PEER = "10.255.0.2";

    private Results() {
    }

    static long ms(long millis) {
        return millis * 1_000_000L;
    }

    static long s(long seconds) {
        return seconds * 1_000_000_000L;
    }

    static ProbeResult icmpOk(long rttMillis) {
        return new ProbeResult("la-sg", ProbeKind.ICMP, PEER, 0, Outcome.SUCCESS, FailureReason.NONE,
                ms(rttMillis), 0);
    }

    static ProbeResult icmpOkMicros(String target, long rttMicros) {
        return new ProbeResult("la-sg", ProbeKind.ICMP, target, 0, Outcome.SUCCESS, FailureReason.NONE,
                rttMicros * 1000, 0);
    }

    static ProbeResult icmpLost() {
        return new ProbeResult("la-sg", ProbeKind.ICMP, PEER, 0, Outcome.TIMEOUT, FailureReason.TIMEOUT, -1, 0);
    }

    static ProbeResult icmp(boolean lost) {
        return lost ? icmpLost() : icmpOk(20);
    }

    static ProbeResult tcp(int port, Outcome outcome, FailureReason reason) {
        return new ProbeResult("la-sg", ProbeKind.TCP, PEER + ":" + port, 0, outcome, reason,
                outcome == Outcome.SUCCESS ? ms(20) : -1, 0);
    }

    static ProbeResult tcpOk(int port) {
        return tcp(port, Outcome.SUCCESS, FailureReason.NONE);
    }

    static ProbeResult tcpTimeout(int port) {
        return tcp(port, Outcome.TIMEOUT, FailureReason.TIMEOUT);
    }
}
