package io.linkguard.agent.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/jvm.options is what bin/linkguard and the Debian package run the agent with. A JVM that
 * adjusts an option it cannot honour says so on stdout ("[warning][gc,ergo] NewSize ... is equal to
 * or greater than initial heap size"), which corrupts `--json` output and, for the heap, kept the
 * package's AOT cache from loading. Every option must be taken as written.
 */
class JvmOptionsTest {
    private static Path root() {
        return Path.of(System.getenv().getOrDefault("LINKGUARD_PROJECT_ROOT", "..")).toAbsolutePath().normalize();
    }

    @Test
    void theJvmTakesEveryOptionWithoutAWord() throws IOException, InterruptedException {
        Path options = root().resolve("bin/jvm.options");
        assertThat(options).exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "@" + options, "-version"))
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("java -version finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        // -version prints its banner; anything from unified logging is a complaint about an option.
        assertThat(out).as("bin/jvm.options").doesNotContain("[warning]").doesNotContain("[error").doesNotContain("Unrecognized");
        assertThat(Files.readString(options)).contains("-Xmn");
    }
}
