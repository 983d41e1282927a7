package io.linkguard.agent.failover;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandRunnerTest {
    @Test
    void exitStatusAndOutputAreRecorded() {
        CommandRunner.Result r = CommandRunner.run(List.of("/bin/sh", "-c", "echo hello; exit 3"), Map.of(),
                Duration.ofSeconds(10));
        assertThat(r.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.output()).isEqualTo("hello");
    }

    @Test
    void aHungHookIsKilledWithItsChildrenAtTheTimeout() throws Exception {
        // The hook starts a grandchild and waits forever: both must die.
        CommandRunner.Result r = CommandRunner.run(List.of("/bin/sh", "-c", "sleep 600 & echo $!; wait"), Map.of(),
                Duration.ofMillis(300));
        assertThat(r.outcome()).isEqualTo(ActionOutcome.TIMEOUT);
        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(r.duration()).isLessThan(Duration.ofSeconds(8));
        String pid = r.output().replaceAll(".*; ", "").trim();
        assertThat(pid).matches("[0-9]+");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Files.exists(Path.of("/proc", pid)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // A zombie awaiting its reaper has no cmdline; a live sleep does.
        assertThat(!Files.exists(Path.of("/proc", pid)) || Files.readString(Path.of("/proc", pid, "cmdline")).isEmpty())
                .as("grandchild %s killed with the group", pid).isTrue();
    }

    @Test
    void aMissingProgramFailsWithAReason() {
        CommandRunner.Result r = CommandRunner.run(List.of("/nonexistent/hook"), Map.of(), Duration.ofSeconds(5));
        assertThat(r.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(r.output()).contains("/nonexistent/hook");
    }
}
