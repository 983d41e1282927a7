package io.linkguard.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.agent.config.Config;
import io.linkguard.agent.config.ConfigLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Agent#close} after a failed start, twice (the start's error path, then the shutdown hook). */
class AgentCloseTest {
    @TempDir
    Path dir;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A link with one TCP probe to a closed loopback port, and a webhook channel to a closed port. */
    static Config config(Path dir, Path stateDirectory) throws Exception {
        Path url = secret(dir.resolve("hook-url"), "http://127.0.0.1:9/hook");
        Path key = secret(dir.resolve("hook-secret"), "agent-close-secret");
        return ConfigLoader.parse("""
                agent:
                  listen: 127.0.0.1:%d
                  state_directory: %s
                links:
                  - name: la-sg
                    peer: 127.0.0.1
                    probes:
                      - type: tcp
                        port: 9
                        interval: 5s
                alerts:
                  channels:
                    - name: noc-hook
                      type: webhook
                      url_file: %s
                      secret_file: %s
                """.formatted(freePort(), stateDirectory, url, key), "agent.yml");
    }

    static Path secret(Path file, String value) throws IOException {
        Files.writeString(file, value + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void closeAfterAFailedStartCanRunTwice() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("state"), "x");
        Agent agent = new Agent(config(dir, notADirectory));

        assertThatThrownBy(agent::start).isInstanceOf(IOException.class).hasMessageContaining("not writable");
        assertThatCode(agent::close).doesNotThrowAnyException();
        assertThatCode(agent::close).doesNotThrowAnyException();
    }

    @Test
    void closeAfterARunningStartCanRunTwice() throws Exception {
        Agent agent = new Agent(config(dir, dir.resolve("state")));
        agent.start();
        assertThat(agent.alertChannels()).hasSize(1);

        agent.close();
        assertThatCode(agent::close).doesNotThrowAnyException();
    }

    @Test
    void aSpoolFileNameThatDoesNotParseDoesNotStopTheAgent() throws Exception {
        Path spool = Files.createDirectories(dir.resolve("state/alerts/noc-hook"));
        Files.writeString(spool.resolve("99999999999999999999-1.msg"), "{}");
        try (Agent agent = new Agent(config(dir, dir.resolve("state")))) {
            agent.start();

            assertThat(agent.alertChannels()).singleElement().satisfies(s -> assertThat(s.dropped()).isEqualTo(1));
            assertThat(spool.resolve("corrupt/99999999999999999999-1.msg")).exists();
        }
    }
}
