package io.linkguard.agent.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A hook: a program run from argv (never through a shell) with the event in
 * LINKGUARD_* environment variables and nothing of the agent's environment
 * (see {@link HookEnvironment}), killed with its whole process group at its
 * timeout. Its exit status and duration are recorded; its argv and output only
 * after {@link HookRedaction} masked the configured secrets in them.
 */
public final class ExecAction implements Action {
    private final String link;
    private final String path;
    private final List<String> argv;
    private final Map<String, String> env;
    private final Duration timeout;
    private final HookRedaction redaction;

    /**
     * @param env       the action's {@code env:} from the config, passed literally
     * @param redaction masks secrets in argv and output before they are recorded
     */
    public ExecAction(String link, String path, List<String> argv, Map<String, String> env, Duration timeout,
                      HookRedaction redaction) {
        this.link = link;
        this.path = path;
        this.argv = List.copyOf(argv);
        this.env = Map.copyOf(env);
        this.timeout = timeout;
        this.redaction = redaction;
    }

    public ExecAction(String link, String path, List<String> argv, Duration timeout) {
        this(link, path, argv, Map.of(), timeout, new HookRedaction());
    }

    @Override
    public String type() {
        return "exec";
    }

    @Override
    public ActionResult run(ActionContext context) {
        // Masked inside the runner before its output is cut to size (a secret across the cut), and again
        // here for what the runner adds (the "cannot start" reason).
        CommandRunner.Result r = CommandRunner.run(argv, HookEnvironment.of(env, context.environment()), timeout,
                redaction);
        return new ActionResult(link, path, type(), redaction.apply(String.join(" ", argv)), r.outcome(),
                r.exitCode(), r.duration(), redaction.apply(r.output()), Instant.now());
    }
}
