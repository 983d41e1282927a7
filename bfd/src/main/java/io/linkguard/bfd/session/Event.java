package io.linkguard.bfd.session;

import io.linkguard.bfd.packet.BfdState;

/**
 * The inputs of the RFC 5880 §6.2 state machine: the State field of a
 * received (and accepted) Control packet, expiry of the Detection Time, and
 * the administrative control of §6.8.16.
 */
public enum Event {
    RECV_ADMIN_DOWN,
    RECV_DOWN,
    RECV_INIT,
    RECV_UP,
    DETECTION_TIMER_EXPIRED,
    ADMIN_DOWN,
    ADMIN_UP;

    /** The event for a packet whose State (Sta) field is {@code remoteState}. */
    public static Event received(BfdState remoteState) {
        return switch (remoteState) {
            case ADMIN_DOWN -> RECV_ADMIN_DOWN;
            case DOWN -> RECV_DOWN;
            case INIT -> RECV_INIT;
            case UP -> RECV_UP;
        };
    }
}
