package io.linkguard.probes.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** poll(2) on one descriptor. {@code struct pollfd} is {int fd; short events; short revents;}. */
final class Poller {
    private static final int POLLFD_BYTES = 8;
    private static final ThreadLocal<MemorySegment> POLLFD =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(POLLFD_BYTES, 8));

    private Poller() {
    }

    static int pollOne(int fd, short events, int timeoutMillis) throws NativeSocketException {
        MemorySegment p = POLLFD.get();
        p.set(ValueLayout.JAVA_INT, 0, fd);
        p.set(ValueLayout.JAVA_SHORT, 4, events);
        p.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        MemorySegment cs = Libc.captureState();
        int rc;
        try {
            rc = (int) Libc.POLL.invokeExact(cs, p, 1L, timeoutMillis);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (rc < 0) {
            int errno = Libc.errno(cs);
            if (errno == Errno.EINTR.number()) {
                return 0;
            }
            throw SocketErrors.of("poll", errno, null);
        }
        return rc == 0 ? 0 : Short.toUnsignedInt(p.get(ValueLayout.JAVA_SHORT, 6));
    }
}
