package io.linkguard.probes.sched;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Functional behaviour only; timing accuracy is a benchmark's business, not a unit test's. */
class TimerThreadSchedulerTest {
    @Test
    void periodicTaskRunsRepeatedlyAndReportsLag() throws Exception {
        AtomicLong lagReports = new AtomicLong();
        CountDownLatch fired = new CountDownLatch(5);
        try (var s = new TimerThreadScheduler("t", (lag, skipped) -> lagReports.incrementAndGet())) {
            s.scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(10), fired::countDown);
            assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lagReports.get()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void cancelledTaskStops() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (var s = new TimerThreadScheduler("t", LagListener.NONE)) {
            CountDownLatch first = new CountDownLatch(1);
            var handle = s.scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(5), () -> {
                runs.incrementAndGet();
                first.countDown();
            });
            assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
            handle.cancel();
            int after = runs.get();
            CountDownLatch marker = new CountDownLatch(1);
            s.schedule(Duration.ofMillis(50), marker::countDown);
            assertThat(marker.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(runs.get()).isLessThanOrEqualTo(after + 1);
        }
    }

    @Test
    void aThrowingTaskDoesNotKillTheTimer() throws Exception {
        try (var s = new TimerThreadScheduler("t", LagListener.NONE)) {
            s.schedule(Duration.ZERO, () -> {
                throw new IllegalStateException("boom");
            });
            CountDownLatch next = new CountDownLatch(1);
            s.schedule(Duration.ofMillis(1), next::countDown);
            assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
