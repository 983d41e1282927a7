package io.linkguard.agent.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A hook: a program run from argv (never through a shell) with the event in
 * LINKGUARD_* environment variables, killed with its whole process group at
 * its timeout. Its exit status and duration are recorded.
 */
public final class ExecAction implements Action {
    private final String link;
    private final String path;
    private final List<String> argv;
    private final Duration timeout;

    public ExecAction(String link, String path, List<String> argv, Duration timeout) {
        this.link = link;
        this.path = path;
        this.argv = List.copyOf(argv);
        this.timeout = timeout;
    }

    @Override
    public String type() {
        return "exec";
    }

    @Override
    public ActionResult run(ActionContext context) {
        CommandRunner.Result r = CommandRunner.run(argv, context.environment(), timeout);
        return new ActionResult(link, path, type(), String.join(" ", argv), r.outcome(), r.exitCode(), r.duration(),
                r.output(), Instant.now());
    }
}
