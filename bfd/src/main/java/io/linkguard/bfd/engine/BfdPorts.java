package io.linkguard.bfd.engine;

/** The UDP ports and source-port range BFD uses. */
public final class BfdPorts {
    /** RFC 5881 §4: single-hop control packets go to destination port 3784. */
    public static final int SINGLE_HOP_CONTROL = 3784;
    /** RFC 5881 §4: echo packets go to destination port 3785. */
    public static final int ECHO = 3785;
    /** RFC 5883 §5: multihop control packets go to destination port 4784. */
    public static final int MULTIHOP_CONTROL = 4784;
    /** RFC 5881 §4: "The source port MUST be in the range 49152 through 65535." */
    public static final int SOURCE_PORT_MIN = 49152;
    public static final int SOURCE_PORT_MAX = 65535;
    /** RFC 5881 §5: single-hop packets are sent with TTL/hop limit 255 and must arrive with 255 (GTSM, RFC 5082). */
    public static final int GTSM_TTL = 255;

    private BfdPorts() {
    }
}
