package io.linkguard.agent.config;

import java.time.Duration;

/**
 * The settings of one probe of a link. Each implementation corresponds to one {@code type:} of the
 * YAML config, whose keys the record declares; {@code ProbeParser} and {@code ProbeFactories} switch over them.
 */
public sealed interface ProbeConfig permits IcmpProbeConfig, TcpProbeConfig, BfdProbeConfig, PmtuProbeConfig {

    /** The {@code type:} of this probe in the config, e.g. {@code "icmp"}. */
    String type();

    /** Time between two probes. */
    Duration interval();

    /** How long to wait for an answer before counting a probe as lost. */
    Duration timeout();
}
