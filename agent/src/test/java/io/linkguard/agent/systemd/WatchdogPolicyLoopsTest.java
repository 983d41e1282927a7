package io.linkguard.agent.systemd;

import io.linkguard.core.supervise.Heartbeat.Beat;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The watchdog pings only while every registered loop has beaten within its bound (pure, fake clock). */
class WatchdogPolicyLoopsTest {
    private static final long S = 1_000_000_000L;

    @Test
    void everyLoopFreshIsHealthy() {
        List<Beat> beats = List.of(new Beat("icmp-rx-0", 10 * S, 5 * S), new Beat("bfd", 12 * S, 5 * S));
        assertThat(WatchdogPolicy.staleLoop(beats, 15 * S)).isEmpty();
        assertThat(WatchdogPolicy.staleLoop(List.of(), 15 * S)).isEmpty();
    }

    @Test
    void oneStaleLoopRefusesThePingAndIsNamed() {
        List<Beat> beats = List.of(new Beat("probe-timer", 15 * S, 5 * S), new Beat("icmp-rx-0", 9 * S, 5 * S),
                new Beat("reload", 14 * S, 60 * S));
        assertThat(WatchdogPolicy.staleLoop(beats, 15 * S)).contains("loop icmp-rx-0 silent for 6000 ms (bound 5000 ms)");
    }

    @Test
    void theWatchdogWithholdsThePingWhileOneLoopIsStaleThenResumes() {
        AtomicLong now = new AtomicLong(100 * S);
        List<Beat> beats = new ArrayList<>(List.of(new Beat("tcp-connect", 100 * S, 5 * S)));
        WatchdogTest.Recorder notify = new WatchdogTest.Recorder();
        Watchdog dog = new Watchdog(notify, Duration.ofSeconds(5), new WatchdogPolicy(2 * S), now::get,
                () -> List.copyOf(beats));
        now.addAndGet(S);
        dog.beat(); // the probe scheduler is fine
        assertThat(dog.check()).isTrue();

        now.addAndGet(5 * S); // tcp-connect has not beaten for 6 s; the scheduler beats on
        dog.beat();
        assertThat(dog.check()).isFalse();
        assertThat(notify.sent).anyMatch(m -> m.startsWith("STATUS=unhealthy: loop tcp-connect silent for 6000 ms"));

        beats.set(0, new Beat("tcp-connect", now.get(), 5 * S));
        assertThat(dog.check()).isTrue();
    }
}
