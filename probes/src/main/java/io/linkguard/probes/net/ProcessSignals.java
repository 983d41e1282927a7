package io.linkguard.probes.net;

import java.lang.foreign.MemorySegment;

/**
 * kill(2) on a whole process group. Java's Process API signals one process;
 * a hook that forked children (a shell script running curl, say) must die
 * with all of them at its timeout, or the children linger and hold state.
 */
public final class ProcessSignals {
    public static final int SIGTERM = 15;
    public static final int SIGKILL = 9;

    private ProcessSignals() {
    }

    /** Sends {@code signal} to every process in group {@code pgid}. Returns false if the group is gone (ESRCH). */
    public static boolean killGroup(long pgid, int signal) {
        if (pgid <= 1) {
            throw new IllegalArgumentException("process group " + pgid + " (expected: > 1)");
        }
        MemorySegment cs = Libc.captureState();
        try {
            int rc = (int) Libc.KILL.invokeExact(cs, (int) -pgid, signal);
            return rc == 0;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
