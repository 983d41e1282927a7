package io.linkguard.probes.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * poll(2) over many descriptors plus an eventfd, so another thread can wake
 * the poller at once when it adds work (a fresh connect must be watched from
 * its first microsecond, or its measured RTT would include the wait).
 * Owned by one thread, except {@link #wakeup()}, which any thread may call.
 */
public final class PollSet implements AutoCloseable {
    private static final int POLLFD_BYTES = 8;
    private static final int EFD_NONBLOCK = 0x800;
    private static final int EFD_CLOEXEC = 0x80000;

    private final Arena arena = Arena.ofShared();
    private final int capacity;
    private final MemorySegment pollfds;
    private final MemorySegment counter;
    private final int eventFd;
    private int size;

    public PollSet(int capacity) throws NativeSocketException {
        this.capacity = capacity;
        this.pollfds = arena.allocate((long) (capacity + 1) * POLLFD_BYTES, 8);
        this.counter = arena.allocate(8, 8);
        MemorySegment cs = Libc.captureState();
        try {
            eventFd = (int) Libc.EVENTFD.invokeExact(cs, 0, EFD_NONBLOCK | EFD_CLOEXEC);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (eventFd < 0) {
            arena.close();
            throw SocketErrors.of("eventfd", Libc.errno(cs), null);
        }
    }

    /** Starts a new round: forget the descriptors of the last one. */
    public void clear() {
        size = 0;
    }

    /** Adds a descriptor for this round; returns its slot for {@link #revents}. */
    public int add(int fd, short events) {
        if (size == capacity) {
            throw new IllegalStateException("poll set full: " + capacity + " descriptors");
        }
        long off = (long) (size + 1) * POLLFD_BYTES;
        pollfds.set(ValueLayout.JAVA_INT, off, fd);
        pollfds.set(ValueLayout.JAVA_SHORT, off + 4, events);
        pollfds.set(ValueLayout.JAVA_SHORT, off + 6, (short) 0);
        return size++;
    }

    /** Waits for events or a wakeup; returns the number of ready descriptors (wakeups not counted). */
    public int poll(int timeoutMillis) throws NativeSocketException {
        pollfds.set(ValueLayout.JAVA_INT, 0, eventFd);
        pollfds.set(ValueLayout.JAVA_SHORT, 4, PollEvents.POLLIN);
        pollfds.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        MemorySegment cs = Libc.captureState();
        int rc;
        try {
            rc = (int) Libc.POLL.invokeExact(cs, pollfds, (long) size + 1, timeoutMillis);
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
        if ((pollfds.get(ValueLayout.JAVA_SHORT, 6) & PollEvents.POLLIN) != 0) {
            drainWakeups();
            rc--;
        }
        return rc;
    }

    public int revents(int slot) {
        return Short.toUnsignedInt(pollfds.get(ValueLayout.JAVA_SHORT, (long) (slot + 1) * POLLFD_BYTES + 6));
    }

    /** Makes a concurrent or the next {@link #poll} return at once. */
    public void wakeup() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment one = a.allocate(8, 8);
            one.set(ValueLayout.JAVA_LONG, 0, 1L);
            long n = (long) Libc.WRITE.invokeExact(Libc.captureState(), eventFd, one, 8L);
            assert n == 8 || n == -1; // -1 (EAGAIN) only if 2^64-2 wakeups are pending: already awake
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    private void drainWakeups() {
        try {
            long n = (long) Libc.READ.invokeExact(Libc.captureState(), eventFd, counter, 8L);
            assert n == 8 || n == -1;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    @Override
    public void close() {
        try {
            int rc = (int) Libc.CLOSE.invokeExact(Libc.captureState(), eventFd);
            assert rc == 0 || rc == -1;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        arena.close();
    }
}
