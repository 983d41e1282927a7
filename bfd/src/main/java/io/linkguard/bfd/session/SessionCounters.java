package io.linkguard.bfd.session;

/**
 * The packet counters of one {@link BfdSession}. One thread writes them, the one that drives the
 * session; any thread may read them without a lock (a metrics scrape, the status API). Each field
 * is volatile so a reader sees a recent value; with one writer, an increment needs no atomic
 * read-modify-write.
 */
public final class SessionCounters {
    private volatile long packetsReceived;
    private volatile long packetsTransmitted;
    private volatile long packetsDropped;
    private volatile long packetsDiscardedAdminDown;

    void received() {
        packetsReceived = packetsReceived + 1;
    }

    void transmitted() {
        packetsTransmitted = packetsTransmitted + 1;
    }

    void dropped() {
        packetsDropped = packetsDropped + 1;
    }

    void discardedAdminDown() {
        packetsDiscardedAdminDown = packetsDiscardedAdminDown + 1;
    }

    public long packetsReceived() {
        return packetsReceived;
    }

    public long packetsTransmitted() {
        return packetsTransmitted;
    }

    public long packetsDropped() {
        return packetsDropped;
    }

    public long packetsDiscardedAdminDown() {
        return packetsDiscardedAdminDown;
    }

    /** {@code s} with these counts in place of its own (an older snapshot, brought up to date). */
    public SessionSnapshot over(SessionSnapshot s) {
        return new SessionSnapshot(s.sessionState(), s.localDiag(), s.localDiscr(), s.passive(),
                s.desiredMinTxMicros(), s.requiredMinRxMicros(), s.requiredMinEchoRxMicros(), s.detectMult(),
                s.demandMode(), s.remoteSessionState(), s.remoteDiag(), s.remoteDiscr(), s.remoteMinRxMicros(),
                s.remoteDesiredMinTxMicros(), s.remoteMinEchoRxMicros(), s.remoteDetectMult(), s.remoteDemandMode(),
                s.txIntervalMicros(), s.detectionTimeMicros(), s.pollInProgress(), s.lastStateChangeNanos(),
                s.stateChanges(), packetsReceived, packetsTransmitted, packetsDropped, packetsDiscardedAdminDown);
    }
}
