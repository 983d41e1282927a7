package io.linkguard.agent.emulator;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The libc calls the link emulator makes, through FFM. Self-contained on purpose:
 * the emulator process runs from the test classes alone, without the probes jar.
 *
 * <p>errno is read through {@link Linker.Option#captureCallState} into a
 * per-thread segment; reading it any other way may see a value the JVM clobbered.
 */
final class NativeCalls {
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final short POLLIN = 0x1;
    static final int SCHED_FIFO = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MemoryLayout STATE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(STATE_LAYOUT));

    /** int open(const char *path, int flags, ... mode): the mode is the variadic part. */
    private static final MethodHandle OPEN = handle("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), 2);
    /** int ioctl(int fd, unsigned long request, ... argp). */
    private static final MethodHandle IOCTL = handle("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), 2);
    private static final MethodHandle READ = handle("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), -1);
    private static final MethodHandle WRITE = handle("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), -1);
    private static final MethodHandle POLL = handle("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), -1);
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), -1);
    /** int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param); pid 0 = this thread. */
    private static final MethodHandle SCHED_SETSCHEDULER = handle("sched_setscheduler",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), -1);
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LIBC.find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private NativeCalls() {
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor, int firstVariadicArg) {
        MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        Linker.Option capture = Linker.Option.captureCallState("errno");
        return firstVariadicArg < 0
                ? LINKER.downcallHandle(symbol, descriptor, capture)
                : LINKER.downcallHandle(symbol, descriptor, capture, Linker.Option.firstVariadicArg(firstVariadicArg));
    }

    /** A failed call: the function, errno and its text. */
    static final class NativeException extends java.io.IOException {
        final int errno;

        NativeException(String call, int errno) {
            super(call + " failed: errno " + errno + " (" + strerror(errno) + ")");
            this.errno = errno;
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "?";
        }
    }

    static int open(String path, int flags) throws NativeException {
        MemorySegment state = STATE.get();
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags, 0);
            if (fd < 0) {
                throw new NativeException("open(" + path + ")", errno(state));
            }
            return fd;
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void ioctl(int fd, long request, MemorySegment arg, String what) throws NativeException {
        MemorySegment state = STATE.get();
        int rc;
        try {
            rc = (int) IOCTL.invokeExact(state, fd, request, arg);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (rc < 0) {
            throw new NativeException("ioctl(" + what + ")", errno(state));
        }
    }

    /** Bytes read, or minus errno. */
    static long read(int fd, MemorySegment buffer, long capacity) {
        MemorySegment state = STATE.get();
        try {
            long n = (long) READ.invokeExact(state, fd, buffer, capacity);
            return n < 0 ? -errno(state) : n;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Bytes written, or minus errno. */
    static long write(int fd, MemorySegment buffer, long length) {
        MemorySegment state = STATE.get();
        try {
            long n = (long) WRITE.invokeExact(state, fd, buffer, length);
            return n < 0 ? -errno(state) : n;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** poll on one pollfd {int fd; short events; short revents} (8 bytes); number ready, or minus errno. */
    static int poll(MemorySegment pollfd, int timeoutMillis) {
        MemorySegment state = STATE.get();
        try {
            int n = (int) POLL.invokeExact(state, pollfd, 1L, timeoutMillis);
            return n < 0 ? -errno(state) : n;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(STATE.get(), fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Puts the calling thread in SCHED_FIFO at the priority given. */
    static void setFifo(int priority) throws NativeException {
        MemorySegment state = STATE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment param = arena.allocate(JAVA_INT);
            param.set(JAVA_INT, 0, priority);
            int rc = (int) SCHED_SETSCHEDULER.invokeExact(state, 0, SCHED_FIFO, param);
            if (rc < 0) {
                throw new NativeException("sched_setscheduler(SCHED_FIFO, " + priority + ")", errno(state));
            }
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
