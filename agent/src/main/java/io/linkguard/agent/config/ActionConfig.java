package io.linkguard.agent.config;

/** One action of a path ({@code links[].paths[].actions[]}), by {@code type}. */
public sealed interface ActionConfig permits RouteActionConfig, ExecActionConfig {

    /** The {@code type} key: {@code route} or {@code exec}. */
    String type();
}
