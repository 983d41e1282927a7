package io.linkguard.bfd.engine;

/** The UDP ports and source-port range BFD uses. */
public final class BfdPorts {
    /** RFC 5881 §4: single-hop control packets go to destination port 3784. */
    public static final int SINGLE_HOP_CONTROL = 3784;
    /** RFC 5881 §4: echo packets go to destination port 3785. */
    public static final int ECHO = 3785;
    /** RFC 5883 §5: multihop control packets go to destination port 4784. */
    public static final int MULTIHOP_CONTROL = 4784;
    /** RFC 5881 §4: "The source port MUST be in the range 49152 through 65535." Inclusive. */
    public static final int SOURCE_PORT_MIN = 49152;
    /** The last port of the RFC 5881 §4 source-port range, inclusive. */
    public static final int SOURCE_PORT_MAX = 65535;
    /** RFC 5881 §5: single-hop packets are sent with TTL/hop limit 255 and must arrive with 255 (GTSM, RFC 5082). */
    public static final int GTSM_TTL = 255;

    private BfdPorts() {
    }

    /**
     * A source port drawn from the whole RFC 5881 §4 range, both ends included: the one place the
     * range is turned into a draw, for Control packets ({@link TxSocket}) and Echo packets alike.
     */
    public static int randomSourcePort(java.util.random.RandomGenerator random) {
        return SOURCE_PORT_MIN + random.nextInt(SOURCE_PORT_MAX - SOURCE_PORT_MIN + 1);
    }
}
