package io.linkguard.agent.failover;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        // A zombie awaiting its reaper has no cmdline; a live sleep does.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(!Files.exists(Path.of("/proc", pid))
                        || Files.readString(Path.of("/proc", pid, "cmdline")).isEmpty())
                        .as("grandchild %s killed with the group", pid).isTrue());
    }

    @Test
    void aMissingProgramFailsWithAReason() {
        CommandRunner.Result r = CommandRunner.run(List.of("/nonexistent/hook"), Map.of(), Duration.ofSeconds(5));
        assertThat(r.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(r.output()).contains("/nonexistent/hook");
    }

    @Test
    void theEnvironmentIsExactlyTheOneGivenNothingInherited() {
        CommandRunner.Result r = CommandRunner.run(List.of("/usr/bin/env"), Map.of("ONLY", "this"),
                Duration.ofSeconds(10));
        assertThat(r.outcome()).isEqualTo(ActionOutcome.OK);
        assertThat(r.output()).isEqualTo("ONLY=this");
    }

    @Test
    void aDaemonisedGrandchildNeitherOutlivesTheHookNorPinsAReaderThread() throws Exception {
        // The grandchild holds stdout open: a blocking reader would wait for it for ever.
        CommandRunner.Result r = CommandRunner.run(List.of("/bin/sh", "-c", "sleep 1000 & echo $!"), Map.of(),
                Duration.ofSeconds(10));
        assertThat(r.outcome()).isEqualTo(ActionOutcome.OK);
        assertThat(r.output()).endsWith("[killed what the hook left running in its process group]");
        String pid = r.output().split(" ")[0];
        assertThat(pid).matches("[0-9]+");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            assertThat(hookOutputThreads()).as("hook-output threads").isZero();
            assertThat(alive(pid)).as("grandchild %s killed with the group", pid).isFalse();
        });
    }

    @Test
    void outputIsCappedWithAMarker() {
        CommandRunner.Result r = CommandRunner.run(List.of("/bin/sh", "-c", "head -c 100000 /dev/zero | tr '\\0' a"),
                Map.of("PATH", HookEnvironment.PATH), Duration.ofSeconds(10));
        assertThat(r.outcome()).isEqualTo(ActionOutcome.OK);
        assertThat(r.output()).isEqualTo("a".repeat(CommandRunner.MAX_OUTPUT_BYTES)
                + " [output truncated: " + (100000 - CommandRunner.MAX_OUTPUT_BYTES) + " more bytes]");
    }

    @Test
    void controlCharactersInOutputBecomeSpaces() {
        CommandRunner.Result r = CommandRunner.run(List.of("/usr/bin/printf", "a\\033[2Jb\\rc\\nd"), Map.of(),
                Duration.ofSeconds(10));
        assertThat(r.output()).isEqualTo("a [2Jb c d");
    }

    private static long hookOutputThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("hook-output")).count();
    }

    /** A zombie awaiting its reaper has no cmdline; a live process does. */
    private static boolean alive(String pid) throws java.io.IOException {
        Path cmdline = Path.of("/proc", pid, "cmdline");
        try {
            return !Files.readString(cmdline).isEmpty();
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }
}
