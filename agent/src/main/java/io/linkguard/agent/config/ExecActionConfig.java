package io.linkguard.agent.config;

import io.linkguard.config.Json;
import io.linkguard.config.Key;
import io.linkguard.config.Section;
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

    /** Read by {@link ExecActionParser}, like {@link #ENV}: within the bounds of execve(2). */
    static final Key<List<String>> ARGV = Key.<List<String>>of("argv", null, null,
            Key.listOf(Json.object("type", "string"), 1), "the program (an absolute path) and its arguments")
            .readByCaller().required();
    static final Key<Map<String, String>> ENV = Key.<Map<String, String>>of("env", Map.of(), null,
            Json.object("type", List.of("object", "null"), "additionalProperties", Json.object("type",
                    List.of("string", "number", "boolean", "null"))), "variables set for the program, literally")
            .readByCaller();
    static final Key<Duration> TIMEOUT = Key.duration("timeout", DEFAULT_TIMEOUT, Duration.ofSeconds(1),
            Duration.ofMinutes(10), "after this the program's process group is killed");
    static final Section SECTION = new Section(" for an exec action", ActionParser.TYPE_KEY, ARGV, ENV, TIMEOUT);

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
