package io.linkguard.agent.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * The probe types known to the config: {@code type:} value to the parser of that probe's keys.
 * Adding a probe type is one entry here plus its parser and {@link ProbeConfig} record.
 */
final class ProbeTypes {

    static final SequencedMap<String, ProbeParser> PARSERS;

    static {
        SequencedMap<String, ProbeParser> parsers = new LinkedHashMap<>();
        parsers.put(IcmpProbeConfig.TYPE, new IcmpProbeParser());
        parsers.put(TcpProbeConfig.TYPE, new TcpProbeParser());
        parsers.put(BfdProbeConfig.TYPE, new BfdProbeParser());
        parsers.put(PmtuProbeConfig.TYPE, new PmtuProbeParser());
        PARSERS = Collections.unmodifiableSequencedMap(parsers);
    }

    private ProbeTypes() {
    }

    /** {@code "icmp, tcp"}, for messages. */
    static String names() {
        return String.join(", ", PARSERS.sequencedKeySet());
    }
}
