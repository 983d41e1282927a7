package io.linkguard.agent.failover;

import java.time.Duration;
import java.time.Instant;

/**
 * One action run, as logged, exported and shown in /status.
 *
 * @param link     the link
 * @param path     the path being switched to
 * @param action   "route" or "exec"
 * @param what     what it did, e.g. "ip route replace 10.20.0.0/16 via 10.255.0.2" or the argv, secrets
 *                 masked by {@link HookRedaction}
 * @param outcome  ok, failed or timeout
 * @param exitCode the exit status, -1 if killed or never started
 * @param duration how long it took
 * @param detail   the command's output (the first 4 KiB, on one line, control characters as spaces,
 *                 secrets masked by {@link HookRedaction}), or why it failed
 * @param at       when it finished
 */
public record ActionResult(String link, String path, String action, String what, ActionOutcome outcome,
                           int exitCode, Duration duration, String detail, Instant at) {
}
