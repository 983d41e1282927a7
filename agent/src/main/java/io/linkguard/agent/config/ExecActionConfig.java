package io.linkguard.agent.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code type: exec}: run a program, never through a shell.
 *
 * @param argv    the program (an absolute path: there is no PATH lookup) and its arguments
 * @param env     variables set for the program, literally (no expansion from the agent's environment),
 *                on top of PATH and LANG and under the LINKGUARD_* variables of the event; in config order
 * @param timeout after this the program's process group is killed and the action counts as failed
 */
public record ExecActionConfig(List<String> argv, Map<String, String> env, Duration timeout) implements ActionConfig {

    public static final String TYPE = "exec";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ExecActionConfig {
        argv = List.copyOf(argv);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        Objects.requireNonNull(timeout, "timeout");
    }

    /** An action without {@code env:}. */
    public ExecActionConfig(List<String> argv, Duration timeout) {
        this(argv, Map.of(), timeout);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
