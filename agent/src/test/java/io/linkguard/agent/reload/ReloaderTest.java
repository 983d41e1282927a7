package io.linkguard.agent.reload;

import io.linkguard.agent.config.Config;
import io.linkguard.agent.systemd.SdNotify;
import io.linkguard.core.supervise.Loops;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ReloaderTest {

    /** A reload that throws: counted, reported as failed, and the next SIGHUP is still served. */
    @Test
    void aReloadThatThrowsDoesNotEndTheReloadThread() throws Exception {
        Path file = Path.of(ReloaderTest.class.getResource("/config/valid-full.yml").toURI());
        List<String> halts = new ArrayList<>();
        Loops loops = new Loops(System::nanoTime, halts::add);
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch rejected = new CountDownLatch(1);
        CountDownLatch secondApplied = new CountDownLatch(1);
        Reloader.Target target = new Reloader.Target() {
            @Override
            public boolean reload(Config next) {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("bug while applying");
                }
                secondApplied.countDown();
                return true;
            }

            @Override
            public void reloadRejected() {
                rejected.countDown();
            }
        };
        try (Reloader r = new Reloader(target, Optional.of(file), SdNotify.fromEnvironment(Map.of()), loops)) {
            r.request();
            assertThat(rejected.await(10, TimeUnit.SECONDS)).as("the failure is reported as a failed reload").isTrue();
            r.request();
            assertThat(secondApplied.await(10, TimeUnit.SECONDS)).as("the next SIGHUP is served").isTrue();
        }
        assertThat(loops.errors("reload")).isEqualTo(1);
        assertThat(halts).isEmpty();
    }
}
