package io.linkguard.bfd.session;

import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;

import java.util.Objects;

/**
 * The BFD session state machine, RFC 5880 §6.2, as a pure function with the
 * diagnostics of §6.8.4, §6.8.6 and §6.8.16.
 *
 * <pre>
 *                              +--+
 *                              |  | UP, ADMIN DOWN, TIMER
 *                              |  V
 *                      DOWN  +------+  INIT
 *               +------------|      |------------+
 *               |            | DOWN |            |
 *               |  +--------&gt;|      |&lt;--------+  |
 *               |  |         +------+         |  |
 *               |  |                          |  |
 *               |  |               ADMIN DOWN,|  |
 *               |  |ADMIN DOWN,          DOWN,|  |
 *               |  |TIMER                TIMER|  |
 *               V  |                          |  V
 *             +------+                      +------+
 *        +----|      |                      |      |----+
 *    DOWN|    | INIT |--------------------&gt;|  UP  |    |INIT, UP
 *        +---&gt;|      | INIT, UP             |      |&lt;---+
 *             +------+                      +------+
 * </pre>
 *
 * The received-state events apply only to packets that passed every §6.8.6
 * check; a session in AdminDown discards packets before the state machine is
 * consulted (§6.8.6), so here every received-state event leaves AdminDown
 * unchanged. A transition into Up sets the diagnostic to 0 (No Diagnostic):
 * bfd.LocalDiag is "the reason for the most recent change in the local
 * session state" (§6.8.1) and reaching Up is not a failure. Down→Init and
 * AdminDown→Down keep the diagnostic, which still says why the session is
 * not Up.
 */
public final class Fsm {
    private Fsm() {
    }

    /** One step of the state machine; never throws for a valid (state, event) pair. */
    public static Transition next(BfdState local, Event event) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(event, "event");
        if (event == Event.ADMIN_DOWN) {
            // RFC 5880 §6.8.16: disabling a session sets bfd.SessionState to AdminDown and
            // bfd.LocalDiag to an appropriate value: 7 (Administratively Down).
            return local == BfdState.ADMIN_DOWN
                    ? Transition.stay(local)
                    : Transition.to(BfdState.ADMIN_DOWN, Diagnostic.ADMINISTRATIVELY_DOWN);
        }
        if (event == Event.ADMIN_UP) {
            // RFC 5880 §6.8.16: enabling a session sets bfd.SessionState to Down; a session that is
            // not AdminDown is already enabled.
            return local == BfdState.ADMIN_DOWN ? Transition.to(BfdState.DOWN) : Transition.stay(local);
        }
        return switch (local) {
            // RFC 5880 §6.8.6: "If bfd.SessionState is AdminDown, discard the packet"; and the
            // Detection Time only runs in Init or Up (§6.8.4).
            case ADMIN_DOWN -> Transition.stay(local);
            case DOWN -> fromDown(event);
            case INIT -> fromInit(event);
            case UP -> fromUp(event);
        };
    }

    private static Transition fromDown(Event event) {
        return switch (event) {
            // RFC 5880 §6.2, §6.8.6: Down, received State Down -> Init.
            case RECV_DOWN -> Transition.to(BfdState.INIT);
            // RFC 5880 §6.2, §6.8.6: Down, received State Init -> Up.
            case RECV_INIT -> Transition.to(BfdState.UP, Diagnostic.NONE);
            // RFC 5880 §6.2: Down loops on UP, ADMIN DOWN and TIMER (§6.8.6: received AdminDown
            // changes nothing "if bfd.SessionState is ... Down").
            default -> Transition.stay(BfdState.DOWN);
        };
    }

    private static Transition fromInit(Event event) {
        return switch (event) {
            // RFC 5880 §6.2: Init, received AdminDown -> Down; §6.8.6: "If received state is
            // AdminDown, if bfd.SessionState is not Down, set bfd.LocalDiag to 3".
            case RECV_ADMIN_DOWN -> Transition.to(BfdState.DOWN, Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN);
            // RFC 5880 §6.2: Init loops on DOWN.
            case RECV_DOWN -> Transition.stay(BfdState.INIT);
            // RFC 5880 §6.2, §6.8.6: Init, received State Init or Up -> Up.
            case RECV_INIT, RECV_UP -> Transition.to(BfdState.UP, Diagnostic.NONE);
            // RFC 5880 §6.2, §6.8.4: Init, Detection Time expired -> Down, bfd.LocalDiag 1.
            case DETECTION_TIMER_EXPIRED ->
                    Transition.to(BfdState.DOWN, Diagnostic.CONTROL_DETECTION_TIME_EXPIRED);
            default -> throw new AssertionError(event);
        };
    }

    private static Transition fromUp(Event event) {
        return switch (event) {
            // RFC 5880 §6.2, §6.8.6: Up, received AdminDown or Down -> Down, bfd.LocalDiag 3
            // (Neighbor Signaled Session Down).
            case RECV_ADMIN_DOWN, RECV_DOWN ->
                    Transition.to(BfdState.DOWN, Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN);
            // RFC 5880 §6.2: Up loops on INIT and UP.
            case RECV_INIT, RECV_UP -> Transition.stay(BfdState.UP);
            // RFC 5880 §6.2, §6.8.4: Up, Detection Time expired -> Down, bfd.LocalDiag 1
            // (Control Detection Time Expired).
            case DETECTION_TIMER_EXPIRED ->
                    Transition.to(BfdState.DOWN, Diagnostic.CONTROL_DETECTION_TIME_EXPIRED);
            default -> throw new AssertionError(event);
        };
    }
}
