package io.linkguard.probes.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * One datagram to an AF_UNIX SOCK_DGRAM socket: what sd_notify(3) does.
 *
 * <p>The JDK's UnixDomainSocketAddress channels are stream-only, and the
 * service manager's notification socket is a datagram socket, so this goes
 * through libc like the rest of the socket layer. A path that starts with
 * {@code @} names a socket in the abstract namespace (unix(7)): its first byte
 * on the wire is NUL and the address length counts exactly the name, with no
 * terminating NUL.
 */
public final class UnixDatagram {
    private static final int AF_UNIX = 1;
    /** sockaddr_un: sa_family_t (2 bytes) then sun_path[108]. */
    private static final int SUN_PATH_OFFSET = 2;
    private static final int SUN_PATH_MAX = 108;

    private UnixDatagram() {
    }

    /**
     * Sends {@code message} to the socket at {@code path}, one non-blocking sendto.
     *
     * @throws NativeSocketException if the socket cannot be created or the send fails
     * @throws IllegalArgumentException if the path does not fit in sun_path
     */
    public static void send(String path, String message) throws NativeSocketException {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = name.length > 0 && name[0] == '@';
        if (name.length == 0 || name.length >= SUN_PATH_MAX) {
            throw new IllegalArgumentException("unix socket path must be 1.." + (SUN_PATH_MAX - 1) + " bytes: " + path);
        }
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        MemorySegment cs = Libc.captureState();
        int fd;
        try {
            fd = (int) Libc.SOCKET.invokeExact(cs, AF_UNIX,
                    LinuxConstants.SOCK_DGRAM | LinuxConstants.SOCK_NONBLOCK | LinuxConstants.SOCK_CLOEXEC, 0);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (fd < 0) {
            throw SocketErrors.of("socket(AF_UNIX)", Libc.errno(cs), null);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment addr = arena.allocate(SUN_PATH_OFFSET + SUN_PATH_MAX);
            addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(name, 0, addr, ValueLayout.JAVA_BYTE, SUN_PATH_OFFSET, name.length);
            int addrLen;
            if (abstractName) {
                addr.set(ValueLayout.JAVA_BYTE, SUN_PATH_OFFSET, (byte) 0);
                addrLen = SUN_PATH_OFFSET + name.length;
            } else {
                addrLen = SUN_PATH_OFFSET + name.length + 1; // the segment is zeroed: NUL-terminated
            }
            MemorySegment buf = arena.allocate(Math.max(1, body.length));
            MemorySegment.copy(body, 0, buf, ValueLayout.JAVA_BYTE, 0, body.length);
            long rc;
            try {
                rc = (long) Libc.SENDTO.invokeExact(cs, fd, buf, (long) body.length, 0, addr, addrLen);
            } catch (Throwable t) {
                throw Libc.rethrow(t);
            }
            if (rc < 0) {
                throw SocketErrors.of("sendto(" + path + ")", Libc.errno(cs), null);
            }
        } finally {
            try {
                int ignored = (int) Libc.CLOSE.invokeExact(cs, fd);
            } catch (Throwable t) {
                throw Libc.rethrow(t);
            }
        }
    }
}
