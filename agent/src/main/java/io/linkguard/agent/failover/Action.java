package io.linkguard.agent.failover;

/** One step of switching a link to a path. Implementations are idempotent: running twice is harmless. */
public sealed interface Action permits RouteAction, ExecAction {
    /** "route" or "exec". */
    String type();

    ActionResult run(ActionContext context);
}
