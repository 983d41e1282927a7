package io.linkguard.agent.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code type: exec}: run a program, never through a shell.
 *
 * @param argv    the program (an absolute path: there is no PATH lookup) and its arguments
 * @param timeout after this the program's process group is killed and the action counts as failed
 */
public record ExecActionConfig(List<String> argv, Duration timeout) implements ActionConfig {

    public static final String TYPE = "exec";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ExecActionConfig {
        argv = List.copyOf(argv);
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
