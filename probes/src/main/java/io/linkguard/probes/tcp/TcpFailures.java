package io.linkguard.probes.tcp;

import io.linkguard.probes.FailureReason;
import io.linkguard.probes.net.Errno;

/** Maps the errno of a failed connect to a {@link FailureReason}. */
final class TcpFailures {
    private TcpFailures() {
    }

    static FailureReason of(Errno errno) {
        return switch (errno) {
            case ECONNREFUSED -> FailureReason.REFUSED;
            case ETIMEDOUT -> FailureReason.TIMEOUT;
            case EHOSTUNREACH, EHOSTDOWN -> FailureReason.HOST_UNREACHABLE;
            case ENETUNREACH, ENETDOWN -> FailureReason.NETWORK_UNREACHABLE;
            case ECONNRESET -> FailureReason.RESET;
            case EPERM, EACCES -> FailureReason.PERMISSION_DENIED;
            case EADDRNOTAVAIL, EADDRINUSE -> FailureReason.ADDRESS_UNAVAILABLE;
            case EPROTO -> FailureReason.ADMIN_PROHIBITED;
            default -> FailureReason.OTHER;
        };
    }
}
