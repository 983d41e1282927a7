package io.linkguard.agent.systemd;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class WatchdogTest {
    /** Records what would go to the notify socket. */
    static final class Recorder extends SdNotify {
        final List<String> sent = new ArrayList<>();

        Recorder() {
            super(Optional.of("@test"));
        }

        @Override
        void send(String message) {
            sent.add(message);
        }
    }

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Recorder notify = new Recorder();
    private final Watchdog dog = new Watchdog(notify, Duration.ofSeconds(5), new WatchdogPolicy(2_000_000_000L), now::get);

    @Test
    void pingsWhileTheSchedulerBeatsOnTime() {
        for (int i = 0; i < 5; i++) {
            now.addAndGet(250_000_000L);
            dog.beat();
            dog.onLag(100_000, 0);
            assertThat(dog.check()).isTrue();
        }
        assertThat(notify.sent).containsOnly("WATCHDOG=1");
    }

    @Test
    void withholdsThePingWhenTheHeartbeatStops() {
        dog.beat();
        now.addAndGet(3_000_000_000L); // the scheduler thread is wedged: no beat for 3 s
        assertThat(dog.check()).isFalse();
        assertThat(notify.sent).noneMatch(m -> m.equals("WATCHDOG=1"));
        assertThat(notify.sent).anyMatch(m -> m.startsWith("STATUS=unhealthy: probe scheduler silent for 3000 ms"));
        dog.beat();
        assertThat(dog.check()).isTrue(); // recovers by itself if the stall ends before systemd's timeout
    }

    @Test
    void withholdsThePingWhenTasksRunLateEvenIfTheyRun() {
        dog.beat();
        dog.onLag(2_500_000_000L, 2); // a starved scheduler: it beats, but 2.5 s late
        assertThat(dog.check()).isFalse();
        assertThat(notify.sent).anyMatch(m -> m.contains("ran 2500 ms late"));
        // the worst lag is per check interval: the next interval starts clean
        dog.beat();
        assertThat(dog.check()).isTrue();
    }

    @Test
    void readsSystemdsEnvironment() {
        SdNotify on = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify"));
        assertThat(Watchdog.fromEnvironment(Map.of("WATCHDOG_USEC", "10000000"), on)).isPresent();
        assertThat(Watchdog.fromEnvironment(Map.of("WATCHDOG_USEC", "10000000", "WATCHDOG_PID", "1"), on))
                .as("meant for another process").isEmpty();
        assertThat(Watchdog.fromEnvironment(Map.of("WATCHDOG_USEC", "10000000",
                "WATCHDOG_PID", Long.toString(ProcessHandle.current().pid())), on)).isPresent();
        assertThat(Watchdog.fromEnvironment(Map.of("WATCHDOG_USEC", "x"), on)).isEmpty();
        assertThat(Watchdog.fromEnvironment(Map.of(), on)).isEmpty();
        SdNotify off = SdNotify.fromEnvironment(Map.of());
        assertThat(off.enabled()).isFalse();
        assertThat(Watchdog.fromEnvironment(Map.of("WATCHDOG_USEC", "10000000"), off)).isEmpty();
    }
}
