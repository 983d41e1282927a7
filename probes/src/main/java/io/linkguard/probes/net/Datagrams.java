package io.linkguard.probes.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * sendto(2) for datagram and raw sockets, through a per-thread native buffer
 * so the hot path allocates no native memory.
 */
final class Datagrams {
    static final int SEND_BUFFER_BYTES = 65_536;
    /** A thread's send buffer and the sockaddr after it, sliced once. */
    private record SendBuffer(MemorySegment data, MemorySegment sockaddr) {
        static SendBuffer allocate() {
            MemorySegment all = Arena.ofAuto().allocate(SEND_BUFFER_BYTES + SockAddr.MAX_BYTES, 8);
            return new SendBuffer(all, all.asSlice(SEND_BUFFER_BYTES, SockAddr.MAX_BYTES));
        }
    }

    private static final ThreadLocal<SendBuffer> SEND_BUFFER = ThreadLocal.withInitial(SendBuffer::allocate);

    private Datagrams() {
    }

    /** Returns the bytes sent (or, with {@code stamp}, the CLOCK_REALTIME time just before the syscall); -1 if the buffer is full. */
    static long sendTo(int fd, ByteBuffer data, InetSocketAddress destination, boolean stamp)
            throws NativeSocketException {
        int n = data.remaining();
        if (n > SEND_BUFFER_BYTES) {
            throw SocketErrors.of("sendto", Errno.EMSGSIZE.number(), "datagram of " + n + " bytes (expected: <= "
                    + SEND_BUFFER_BYTES + ")");
        }
        SendBuffer send = SEND_BUFFER.get();
        MemorySegment buf = send.data();
        if (data.hasArray()) { // the usual case: no segment object per packet to wrap the array
            MemorySegment.copy(data.array(), data.arrayOffset() + data.position(), buf, ValueLayout.JAVA_BYTE, 0, n);
        } else {
            MemorySegment.copy(MemorySegment.ofBuffer(data), 0, buf, 0, n);
        }
        MemorySegment sa = send.sockaddr();
        int saLen = SockAddr.encode(destination, sa);
        MemorySegment cs = Libc.captureState();
        long stampNanos = stamp ? RealtimeClock.nowNanos() : 0;
        long rc;
        try {
            rc = (long) Libc.SENDTO.invokeExact(cs, fd, buf, (long) n, 0, sa, saLen);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (rc < 0) {
            int errno = Libc.errno(cs);
            if (errno == Errno.EAGAIN.number() || errno == Errno.ENOBUFS.number()) {
                return -1;
            }
            throw SocketErrors.of("sendto(" + destination.getAddress().getHostAddress() + ")", errno, null);
        }
        data.position(data.position() + (int) rc);
        return stamp ? stampNanos : rc;
    }
}
