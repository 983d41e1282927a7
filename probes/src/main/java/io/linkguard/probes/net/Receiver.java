package io.linkguard.probes.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static io.linkguard.probes.net.LinuxConstants.*;

/**
 * Non-blocking {@code recvmsg} with its native buffers allocated once.
 * {@code struct msghdr} on 64-bit Linux is 56 bytes:
 * name@0, namelen@8, iov@16, iovlen@24, control@32, controllen@40, flags@48.
 * {@code struct iovec} is {base@0, len@8}.
 */
public final class Receiver implements AutoCloseable {
    private static final int MSGHDR_BYTES = 56;
    private static final int OFF_NAME = 0;
    private static final int OFF_NAMELEN = 8;
    private static final int OFF_IOV = 16;
    private static final int OFF_IOVLEN = 24;
    private static final int OFF_CONTROL = 32;
    private static final int OFF_CONTROLLEN = 40;
    private static final int OFF_FLAGS = 48;
    private static final int IOVEC_BYTES = 16;
    /** Room for a timestamp, TTL, pktinfo and an extended error with its offender address. */
    private static final int CONTROL_BYTES = 512;

    private final LinuxSocket socket;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment msghdr;
    private final MemorySegment iov;
    private final MemorySegment name;
    private final MemorySegment control;
    private final MemorySegment data;
    private final ByteBuffer dataView;

    Receiver(LinuxSocket socket, int maxDatagramBytes) {
        this.socket = socket;
        msghdr = arena.allocate(MSGHDR_BYTES, 8);
        iov = arena.allocate(IOVEC_BYTES, 8);
        name = arena.allocate(SockAddr.MAX_BYTES, 8);
        control = arena.allocate(CONTROL_BYTES, 8);
        data = arena.allocate(maxDatagramBytes, 8);
        dataView = data.asByteBuffer();
        iov.set(ValueLayout.ADDRESS, 0, data);
        iov.set(ValueLayout.JAVA_LONG, 8, data.byteSize());
    }

    /**
     * Receives one datagram (or one error-queue entry) without blocking.
     * Returns false if there is nothing to read.
     */
    public boolean receive(ReceivedMessage into, boolean errorQueue) throws NativeSocketException {
        msghdr.set(ValueLayout.ADDRESS, OFF_NAME, name);
        msghdr.set(ValueLayout.JAVA_INT, OFF_NAMELEN, SockAddr.MAX_BYTES);
        msghdr.set(ValueLayout.ADDRESS, OFF_IOV, iov);
        msghdr.set(ValueLayout.JAVA_LONG, OFF_IOVLEN, 1L);
        msghdr.set(ValueLayout.ADDRESS, OFF_CONTROL, control);
        msghdr.set(ValueLayout.JAVA_LONG, OFF_CONTROLLEN, CONTROL_BYTES);
        msghdr.set(ValueLayout.JAVA_INT, OFF_FLAGS, 0);
        int flags = MSG_DONTWAIT | (errorQueue ? MSG_ERRQUEUE : 0);
        MemorySegment cs = Libc.captureState();
        long n;
        try {
            n = (long) Libc.RECVMSG.invokeExact(cs, socket.fd(), msghdr, flags);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (n < 0) {
            int errno = Libc.errno(cs);
            if (errno == Errno.EAGAIN.number() || errno == Errno.EINTR.number()) {
                return false;
            }
            throw SocketErrors.of(errorQueue ? "recvmsg(MSG_ERRQUEUE)" : "recvmsg", errno, null);
        }
        into.reset();
        int msgFlags = msghdr.get(ValueLayout.JAVA_INT, OFF_FLAGS);
        into.truncated = (msgFlags & (MSG_TRUNC | MSG_CTRUNC)) != 0;
        int len = (int) Math.min(n, data.byteSize());
        // One view of the data buffer, reset per packet: a new slice and buffer per packet were two
        // objects on the hot path. Position, limit and byte order are all reset, whatever the last
        // reader did with them.
        into.data = dataView.clear().limit(len).order(ByteOrder.BIG_ENDIAN);
        into.source = SockAddr.decode(name, 0, msghdr.get(ValueLayout.JAVA_INT, OFF_NAMELEN), into.inet4);
        ControlMessages.parse(control, msghdr.get(ValueLayout.JAVA_LONG, OFF_CONTROLLEN), into);
        return true;
    }

    @Override
    public void close() {
        arena.close();
    }
}
