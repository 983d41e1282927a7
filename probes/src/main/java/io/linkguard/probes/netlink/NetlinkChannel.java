package io.linkguard.probes.netlink;

import io.linkguard.probes.net.Errno;
import io.linkguard.probes.net.NativeSocketException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A non-blocking, close-on-exec AF_NETLINK/NETLINK_ROUTE socket through FFM (netlink(7)), with
 * errno captured by {@link Linker.Option#captureCallState}. It belongs to the network namespace of
 * the thread that opens it. Not thread-safe: its owner serializes calls.
 *
 * <p>{@code struct sockaddr_nl}: {@code u16 nl_family, u16 nl_pad, u32 nl_pid, u32 nl_groups}.
 */
final class NetlinkChannel implements NetlinkTransport {
    /**
     * Receive buffer: the kernel sizes a dump part to at most 32 KiB (netlink_dump), a notification
     * far less; 64 KiB leaves room. A longer datagram would be truncated: MSG_TRUNC shows it, it is counted.
     */
    static final int RECEIVE_BYTES = 64 * 1024;
    private static final int SOCKADDR_NL_BYTES = 12;
    private static final int NL_FAMILY = 0;
    private static final int NL_PID = 4;
    private static final int NL_GROUPS = 8;
    private static final short POLLIN = 0x1;
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_EXT_ACK = 11;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemoryLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = handle("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = handle("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSOCKOPT = handle("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDTO = handle("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVFROM = handle("recvfrom",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle POLL = handle("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private final int fd;
    private final int portId;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(RECEIVE_BYTES, 8);
    private final MemorySegment from = arena.allocate(SOCKADDR_NL_BYTES, 4);
    private final MemorySegment fromLength = arena.allocate(JAVA_INT);
    private final MemorySegment pollfd = arena.allocate(8, 4);
    private final MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();

    private NetlinkChannel(int fd, int portId) {
        this.fd = fd;
        this.portId = portId;
    }

    /**
     * Opens and binds a socket in the calling thread's network namespace.
     *
     * @param groups         RTMGRP_* bits to subscribe to (0: requests only)
     * @param receiveBuffer  SO_RCVBUF in bytes, 0 for the default
     */
    static NetlinkChannel open(int groups, int receiveBuffer) throws NativeSocketException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = a.allocate(CAPTURE_LAYOUT);
            int fd = (int) SOCKET.invokeExact(cs, Rtnetlink.AF_NETLINK,
                    Rtnetlink.SOCK_RAW | Rtnetlink.SOCK_NONBLOCK | Rtnetlink.SOCK_CLOEXEC, Rtnetlink.NETLINK_ROUTE);
            if (fd < 0) {
                throw NativeSocketException.of("socket(AF_NETLINK, NETLINK_ROUTE)", errno(cs), null);
            }
            try {
                if (receiveBuffer > 0) {
                    MemorySegment v = a.allocateFrom(JAVA_INT, receiveBuffer);
                    // SO_RCVBUFFORCE passes net.core.rmem_max with CAP_NET_ADMIN; without it, SO_RCVBUF (capped).
                    if ((int) SETSOCKOPT.invokeExact(cs, fd, Rtnetlink.SOL_SOCKET, Rtnetlink.SO_RCVBUFFORCE, v, 4) != 0
                            && (int) SETSOCKOPT.invokeExact(cs, fd, Rtnetlink.SOL_SOCKET, Rtnetlink.SO_RCVBUF, v, 4) != 0) {
                        throw NativeSocketException.of("setsockopt(SO_RCVBUF)", errno(cs), null);
                    }
                }
                // NETLINK_EXT_ACK: errors carry the kernel's own text. Best effort (Linux 4.12+).
                MemorySegment one = a.allocateFrom(JAVA_INT, 1);
                int extAck = (int) SETSOCKOPT.invokeExact(cs, fd, SOL_NETLINK, NETLINK_EXT_ACK, one, 4);
                assert extAck == 0 || extAck == -1;
                MemorySegment addr = a.allocate(SOCKADDR_NL_BYTES, 4);
                addr.set(ValueLayout.JAVA_SHORT, NL_FAMILY, (short) Rtnetlink.AF_NETLINK);
                addr.set(JAVA_INT, NL_GROUPS, groups); // nl_pid 0: the kernel assigns a unique port
                if ((int) BIND.invokeExact(cs, fd, addr, SOCKADDR_NL_BYTES) != 0) {
                    throw NativeSocketException.of("bind(AF_NETLINK)", errno(cs), null);
                }
                MemorySegment len = a.allocateFrom(JAVA_INT, SOCKADDR_NL_BYTES);
                if ((int) GETSOCKNAME.invokeExact(cs, fd, addr, len) != 0) {
                    throw NativeSocketException.of("getsockname(AF_NETLINK)", errno(cs), null);
                }
                return new NetlinkChannel(fd, addr.get(JAVA_INT, NL_PID));
            } catch (NativeSocketException | RuntimeException | Error e) {
                int rc = (int) CLOSE.invokeExact(cs, fd);
                assert rc == 0 || rc == -1;
                throw e;
            }
        } catch (NativeSocketException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public int portId() {
        return portId;
    }

    @Override
    public void send(ByteBuffer request) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment data = a.allocate(request.remaining());
            data.asByteBuffer().put(request.duplicate());
            MemorySegment kernel = a.allocate(SOCKADDR_NL_BYTES, 4);
            kernel.set(ValueLayout.JAVA_SHORT, NL_FAMILY, (short) Rtnetlink.AF_NETLINK); // nl_pid 0: the kernel
            long n = (long) SENDTO.invokeExact(capture, fd, data, data.byteSize(), 0, kernel, SOCKADDR_NL_BYTES);
            if (n < 0) {
                throw NativeSocketException.of("sendto(NETLINK_ROUTE)", errno(capture), null);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public ByteBuffer receive(int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            ByteBuffer d = receiveNow();
            if (d != null) {
                return d;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0 || !poll((int) left)) {
                return null;
            }
        }
    }

    /** One datagram if one is queued, else null; skips truncated datagrams and ones not from the kernel. */
    private ByteBuffer receiveNow() throws IOException {
        try {
            while (true) {
                fromLength.set(JAVA_INT, 0, SOCKADDR_NL_BYTES);
                // MSG_TRUNC: netlink returns the datagram's real length, so a truncation shows.
                long n = (long) RECVFROM.invokeExact(capture, fd, buffer, (long) RECEIVE_BYTES,
                        Rtnetlink.MSG_DONTWAIT | Rtnetlink.MSG_TRUNC, from, fromLength);
                if (n < 0) {
                    int errno = errno(capture);
                    if (errno == Errno.EAGAIN.number() || errno == Errno.EINTR.number()) {
                        return null;
                    }
                    if (errno == Errno.ENOBUFS.number()) {
                        throw new Overrun();
                    }
                    throw NativeSocketException.of("recvfrom(NETLINK_ROUTE)", errno, null);
                }
                if (n > RECEIVE_BYTES || from.get(JAVA_INT, NL_PID) != 0) {
                    dropped.incrementAndGet(); // truncated, or sent by a process rather than the kernel
                    continue;
                }
                byte[] copy = new byte[(int) n];
                MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, copy, 0, (int) n);
                return ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder());
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private boolean poll(int timeoutMillis) throws IOException {
        pollfd.set(JAVA_INT, 0, fd);
        pollfd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
        pollfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        try {
            int rc = (int) POLL.invokeExact(capture, pollfd, 1L, timeoutMillis);
            if (rc < 0 && errno(capture) != Errno.EINTR.number()) {
                throw NativeSocketException.of("poll(NETLINK_ROUTE)", errno(capture), null);
            }
            return rc > 0;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                int rc = (int) CLOSE.invokeExact(capture, fd);
                assert rc == 0 || rc == -1;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            arena.close();
        }
    }

    private static int errno(MemorySegment captureState) {
        return (int) ERRNO.get(captureState, 0L);
    }

    private static MethodHandle handle(String name, FunctionDescriptor d) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, d, Linker.Option.captureCallState("errno"));
    }
}
