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
    public static final int SIGHUP = 1;
    private static final java.lang.invoke.MethodHandle SIGNAL = java.lang.foreign.Linker.nativeLinker().downcallHandle(
            java.lang.foreign.Linker.nativeLinker().defaultLookup().find("signal").orElseThrow(),
            java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.ADDRESS,
                    java.lang.foreign.ValueLayout.JAVA_INT, java.lang.foreign.ValueLayout.ADDRESS));

    private ProcessSignals() {
    }

    /**
     * Puts {@code signal} back to its default action (SIG_DFL) and says whether
     * it was ignored. A process started under nohup(1), or by a parent that
     * ignored SIGHUP, inherits SIG_IGN, and the JVM then silently declines to
     * install a handler for it: a reload signal would do nothing at all.
     */
    public static boolean restoreDefault(int signal) {
        try {
            MemorySegment old = (MemorySegment) SIGNAL.invokeExact(signal, MemorySegment.NULL); // SIG_DFL is 0
            return old.address() == 1; // SIG_IGN
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
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
