package io.linkguard.probes.net;

import java.io.IOException;

/**
 * A failed socket system call. The message names the call, the errno and,
 * where there is one, what the operator should do about it.
 * Subclasses exist for the failures callers handle differently.
 */
public class NativeSocketException extends IOException {
    private static final long serialVersionUID = 1L;
    private final Errno errno;
    private final int rawErrno;
    private final String operation;

    NativeSocketException(String operation, int rawErrno, String hint) {
        super(message(operation, rawErrno, hint));
        this.errno = Errno.of(rawErrno);
        this.rawErrno = rawErrno;
        this.operation = operation;
    }

    /**
     * The typed exception for a failed call outside this package (the netlink layer's
     * socket, bind, sendto), with the same errno-to-subclass mapping and hints as this package's.
     */
    public static NativeSocketException of(String operation, int errno, String hint) {
        return SocketErrors.of(operation, errno, hint);
    }

    private static String message(String operation, int rawErrno, String hint) {
        Errno e = Errno.of(rawErrno);
        String name = e == Errno.UNKNOWN ? "errno " + rawErrno : e.name() + " (" + e.description() + ")";
        return hint == null || hint.isEmpty() ? operation + ": " + name : hint + " [" + operation + ": " + name + "]";
    }

    public Errno errno() {
        return errno;
    }

    public int rawErrno() {
        return rawErrno;
    }

    public String operation() {
        return operation;
    }

    /** EPERM/EACCES: a capability or permission is missing. */
    public static final class PermissionDenied extends NativeSocketException {
        private static final long serialVersionUID = 1L;

        PermissionDenied(String operation, int errno, String hint) {
            super(operation, errno, hint);
        }
    }

    /** ENETUNREACH/EHOSTUNREACH/ENETDOWN/EHOSTDOWN: no route, or the route's device is down. */
    public static final class Unreachable extends NativeSocketException {
        private static final long serialVersionUID = 1L;

        Unreachable(String operation, int errno, String hint) {
            super(operation, errno, hint);
        }
    }

    /** EADDRNOTAVAIL/EADDRINUSE: a source address or port that cannot be used. */
    public static final class AddressUnavailable extends NativeSocketException {
        private static final long serialVersionUID = 1L;

        AddressUnavailable(String operation, int errno, String hint) {
            super(operation, errno, hint);
        }
    }

    /** ENODEV: the named interface does not exist. */
    public static final class NoSuchDevice extends NativeSocketException {
        private static final long serialVersionUID = 1L;

        NoSuchDevice(String operation, int errno, String hint) {
            super(operation, errno, hint);
        }
    }

    /** EMSGSIZE: a datagram larger than the path MTU with DF set, or than the socket allows. */
    public static final class MessageTooLong extends NativeSocketException {
        private static final long serialVersionUID = 1L;

        MessageTooLong(String operation, int errno, String hint) {
            super(operation, errno, hint);
        }
    }

    /** EAFNOSUPPORT: the address family (usually IPv6) is disabled on this host. */
    public static final class FamilyUnsupported extends NativeSocketException {
        private static final long serialVersionUID = 1L;

        FamilyUnsupported(String operation, int errno, String hint) {
            super(operation, errno, hint);
        }
    }
}
