package io.linkguard.agent.config;

import io.linkguard.config.Problems;
import io.linkguard.config.YamlMapping;
import java.util.List;
import java.util.Optional;

/** Reads the keys of one probe type. Registered by type name in {@link ProbeTypes}. */
interface ProbeParser {

    /** The keys this probe type accepts besides {@code type}, in the order shown in messages. */
    List<String> keys();

    /**
     * Reads a probe whose keys have already been checked against {@link #keys()}.
     *
     * @return the probe, or empty if any problem was reported
     */
    Optional<ProbeConfig> parse(YamlMapping probe, LinkContext link, Problems problems);
}
