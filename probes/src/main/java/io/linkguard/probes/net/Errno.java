package io.linkguard.probes.net;

/** The errno values the socket layer acts on, with their Linux numbers and names. */
public enum Errno {
    EPERM(1, "operation not permitted"),
    EINTR(4, "interrupted system call"),
    EBADF(9, "bad file descriptor"),
    EAGAIN(11, "resource temporarily unavailable"),
    ENOMEM(12, "out of memory"),
    EACCES(13, "permission denied"),
    ENODEV(19, "no such device"),
    EINVAL(22, "invalid argument"),
    EMFILE(24, "too many open files"),
    EMSGSIZE(90, "message too long"),
    EPROTONOSUPPORT(93, "protocol not supported"),
    EOPNOTSUPP(95, "operation not supported"),
    EAFNOSUPPORT(97, "address family not supported"),
    EADDRINUSE(98, "address already in use"),
    EADDRNOTAVAIL(99, "cannot assign requested address"),
    ENETDOWN(100, "network is down"),
    ENETUNREACH(101, "network is unreachable"),
    ECONNRESET(104, "connection reset by peer"),
    ENOBUFS(105, "no buffer space available"),
    ETIMEDOUT(110, "connection timed out"),
    ECONNREFUSED(111, "connection refused"),
    EHOSTDOWN(112, "host is down"),
    EHOSTUNREACH(113, "no route to host"),
    EINPROGRESS(115, "operation now in progress"),
    EPROTO(71, "protocol error"),
    UNKNOWN(-1, "unknown error");

    private final int number;
    private final String description;

    Errno(int number, String description) {
        this.number = number;
        this.description = description;
    }

    public int number() {
        return number;
    }

    public String description() {
        return description;
    }

    public static Errno of(int number) {
        for (Errno e : values()) {
            if (e.number == number) {
                return e;
            }
        }
        return UNKNOWN;
    }
}
