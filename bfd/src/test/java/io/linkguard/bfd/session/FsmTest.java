package io.linkguard.bfd.session;

import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static io.linkguard.bfd.packet.BfdState.ADMIN_DOWN;
import static io.linkguard.bfd.packet.BfdState.DOWN;
import static io.linkguard.bfd.packet.BfdState.INIT;
import static io.linkguard.bfd.packet.BfdState.UP;
import static io.linkguard.bfd.packet.Diagnostic.ADMINISTRATIVELY_DOWN;
import static io.linkguard.bfd.packet.Diagnostic.CONTROL_DETECTION_TIME_EXPIRED;
import static io.linkguard.bfd.packet.Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN;
import static io.linkguard.bfd.packet.Diagnostic.NONE;
import static io.linkguard.bfd.session.Event.ADMIN_UP;
import static io.linkguard.bfd.session.Event.DETECTION_TIMER_EXPIRED;
import static io.linkguard.bfd.session.Event.RECV_ADMIN_DOWN;
import static io.linkguard.bfd.session.Event.RECV_DOWN;
import static io.linkguard.bfd.session.Event.RECV_INIT;
import static io.linkguard.bfd.session.Event.RECV_UP;
import static org.assertj.core.api.Assertions.assertThat;

class FsmTest {
    private record Row(BfdState from, Event event, BfdState to, Diagnostic diag) {
    }

    /** RFC 5880 §6.2 diagram, with the diagnostics of §6.8.4, §6.8.6 and §6.8.16; null = keep. */
    private static final List<Row> TABLE = List.of(
            // AdminDown: §6.8.6 discards received packets; no Detection Time; only ADMIN_UP leaves it.
            new Row(ADMIN_DOWN, RECV_ADMIN_DOWN, ADMIN_DOWN, null),
            new Row(ADMIN_DOWN, RECV_DOWN, ADMIN_DOWN, null),
            new Row(ADMIN_DOWN, RECV_INIT, ADMIN_DOWN, null),
            new Row(ADMIN_DOWN, RECV_UP, ADMIN_DOWN, null),
            new Row(ADMIN_DOWN, DETECTION_TIMER_EXPIRED, ADMIN_DOWN, null),
            new Row(ADMIN_DOWN, Event.ADMIN_DOWN, ADMIN_DOWN, null),
            new Row(ADMIN_DOWN, ADMIN_UP, DOWN, null),
            // Down: DOWN -> Init, INIT -> Up; loops on UP, ADMIN DOWN, TIMER.
            new Row(DOWN, RECV_ADMIN_DOWN, DOWN, null),
            new Row(DOWN, RECV_DOWN, INIT, null),
            new Row(DOWN, RECV_INIT, UP, NONE),
            new Row(DOWN, RECV_UP, DOWN, null),
            new Row(DOWN, DETECTION_TIMER_EXPIRED, DOWN, null),
            new Row(DOWN, Event.ADMIN_DOWN, ADMIN_DOWN, ADMINISTRATIVELY_DOWN),
            new Row(DOWN, ADMIN_UP, DOWN, null),
            // Init: ADMIN DOWN, TIMER -> Down; loops on DOWN; INIT, UP -> Up.
            new Row(INIT, RECV_ADMIN_DOWN, DOWN, NEIGHBOR_SIGNALED_SESSION_DOWN),
            new Row(INIT, RECV_DOWN, INIT, null),
            new Row(INIT, RECV_INIT, UP, NONE),
            new Row(INIT, RECV_UP, UP, NONE),
            new Row(INIT, DETECTION_TIMER_EXPIRED, DOWN, CONTROL_DETECTION_TIME_EXPIRED),
            new Row(INIT, Event.ADMIN_DOWN, ADMIN_DOWN, ADMINISTRATIVELY_DOWN),
            new Row(INIT, ADMIN_UP, INIT, null),
            // Up: ADMIN DOWN, DOWN, TIMER -> Down; loops on INIT, UP.
            new Row(UP, RECV_ADMIN_DOWN, DOWN, NEIGHBOR_SIGNALED_SESSION_DOWN),
            new Row(UP, RECV_DOWN, DOWN, NEIGHBOR_SIGNALED_SESSION_DOWN),
            new Row(UP, RECV_INIT, UP, null),
            new Row(UP, RECV_UP, UP, null),
            new Row(UP, DETECTION_TIMER_EXPIRED, DOWN, CONTROL_DETECTION_TIME_EXPIRED),
            new Row(UP, Event.ADMIN_DOWN, ADMIN_DOWN, ADMINISTRATIVELY_DOWN),
            new Row(UP, ADMIN_UP, UP, null));

    static Stream<Arguments> table() {
        return TABLE.stream().map(r -> Arguments.of(r.from, r.event, r.to, r.diag));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2} diag {3}")
    @MethodSource("table")
    void everyStateAndEventFollowsTheDiagram(BfdState from, Event event, BfdState to, Diagnostic diag) {
        Transition t = Fsm.next(from, event);
        assertThat(t.next()).isEqualTo(to);
        assertThat(t.diagnosticToSet()).isEqualTo(Optional.ofNullable(diag));
        assertThat(t.changed()).isEqualTo(from != to);
    }

    @Test
    void tableCoversEveryPairOnce() {
        Set<String> seen = new HashSet<>();
        for (Row r : TABLE) {
            assertThat(seen.add(r.from + "/" + r.event)).as("duplicate %s/%s", r.from, r.event).isTrue();
        }
        List<String> all = new ArrayList<>();
        for (BfdState s : EnumSet.allOf(BfdState.class)) {
            for (Event e : EnumSet.allOf(Event.class)) {
                all.add(s + "/" + e);
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all).hasSize(28);
    }

    @Test
    void receivedStateMapsToItsEvent() {
        assertThat(Event.received(ADMIN_DOWN)).isEqualTo(RECV_ADMIN_DOWN);
        assertThat(Event.received(DOWN)).isEqualTo(RECV_DOWN);
        assertThat(Event.received(INIT)).isEqualTo(RECV_INIT);
        assertThat(Event.received(UP)).isEqualTo(RECV_UP);
    }
}
