package io.linkguard.agent.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            return new Run(Main.execute(args), out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void versionNamesTheBuildAndJava() {
        Run r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("linkguard ").contains("Java 25");
    }

    @Test
    void checkConfigPrintsTheLoaderMessagesAndFails() throws Exception {
        Path f = Files.createTempFile("bad", ".yml");
        Files.writeString(f, "agent:\n  lisen: 127.0.0.1:1\nlinks: []\n");
        Run r = run("check-config", f.toString());
        assertThat(r.exit()).isEqualTo(Main.EXIT_ERROR);
        assertThat(r.err()).contains(f + ":2: agent.lisen: unknown key");
    }

    @Test
    void checkConfigAcceptsTheShippedExample() {
        Path example = Path.of(System.getenv().getOrDefault("LINKGUARD_PROJECT_ROOT", "..")).resolve("systemd/linkguard.example.yml");
        Run r = run("check-config", example.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("OK (1 link(s), 2 probe(s)");
    }

    @Test
    void badPingOptionIsOneLineAndExitTwo() {
        Run r = run("ping", "-M", "sometimes", "127.0.0.1");
        assertThat(r.exit()).isEqualTo(Main.EXIT_ERROR);
        assertThat(r.err().lines().findFirst().orElseThrow()).isEqualTo("linkguard: -M sometimes (expected: do or dont)");
    }
}
