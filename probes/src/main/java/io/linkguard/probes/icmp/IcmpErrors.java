package io.linkguard.probes.icmp;

import io.linkguard.probes.FailureReason;

/** Maps ICMP error type and code to a {@link FailureReason}. */
final class IcmpErrors {
    private IcmpErrors() {
    }

    /** RFC 792 (IPv4) and RFC 1812 §5.2.7.1 codes. */
    static FailureReason v4(int type, int code) {
        return switch (type) {
            case 3 -> switch (code) {
                case 0, 6, 11 -> FailureReason.NETWORK_UNREACHABLE;
                case 1, 7, 12 -> FailureReason.HOST_UNREACHABLE;
                case 2, 3 -> FailureReason.PORT_UNREACHABLE;
                case 4 -> FailureReason.PACKET_TOO_BIG;
                case 9, 10, 13 -> FailureReason.ADMIN_PROHIBITED;
                default -> FailureReason.OTHER;
            };
            case 11 -> FailureReason.TTL_EXCEEDED;
            default -> FailureReason.OTHER;
        };
    }

    /** RFC 4443 §3 codes. */
    static FailureReason v6(int type, int code) {
        return switch (type) {
            case 1 -> switch (code) {
                case 0 -> FailureReason.NETWORK_UNREACHABLE;
                case 1, 5, 6 -> FailureReason.ADMIN_PROHIBITED;
                case 3 -> FailureReason.HOST_UNREACHABLE;
                case 4 -> FailureReason.PORT_UNREACHABLE;
                default -> FailureReason.OTHER;
            };
            case 2 -> FailureReason.PACKET_TOO_BIG;
            case 3 -> FailureReason.TTL_EXCEEDED;
            default -> FailureReason.OTHER;
        };
    }
}
