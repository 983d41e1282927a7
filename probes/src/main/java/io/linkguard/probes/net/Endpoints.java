package io.linkguard.probes.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;

/**
 * The system calls that take or return a socket's own end or its peer's: bind(2), getsockname(2)
 * and connect(2), each with its {@code struct sockaddr} encoded by {@link SockAddr}. Called through
 * {@link LinuxSocket}.
 */
final class Endpoints {
    private Endpoints() {
    }

    static void bind(int fd, InetSocketAddress local) throws NativeSocketException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = arena.allocate(SockAddr.MAX_BYTES, 8);
            int len = SockAddr.encode(local, sa);
            MemorySegment cs = Libc.captureState();
            int rc = (int) Libc.BIND.invokeExact(cs, fd, sa, len);
            if (rc != 0) {
                throw SocketErrors.of("bind(" + local + ")", Libc.errno(cs), null);
            }
        } catch (NativeSocketException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    static InetSocketAddress localAddress(int fd) throws NativeSocketException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = arena.allocate(SockAddr.MAX_BYTES, 8);
            MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, SockAddr.MAX_BYTES);
            MemorySegment cs = Libc.captureState();
            int rc = (int) Libc.GETSOCKNAME.invokeExact(cs, fd, sa, len);
            if (rc != 0) {
                throw SocketErrors.of("getsockname", Libc.errno(cs), null);
            }
            return SockAddr.decode(sa, len.get(ValueLayout.JAVA_INT, 0));
        } catch (NativeSocketException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** A non-blocking connect: true if it completed at once, false if in progress (see {@link LinuxSocket#connect}). */
    static boolean connect(int fd, InetSocketAddress remote) throws NativeSocketException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = arena.allocate(SockAddr.MAX_BYTES, 8);
            int len = SockAddr.encode(remote, sa);
            MemorySegment cs = Libc.captureState();
            int rc = (int) Libc.CONNECT.invokeExact(cs, fd, sa, len);
            if (rc == 0) {
                return true;
            }
            int errno = Libc.errno(cs);
            if (errno == Errno.EINPROGRESS.number()) {
                return false;
            }
            throw SocketErrors.of("connect(" + remote + ")", errno, null);
        } catch (NativeSocketException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
