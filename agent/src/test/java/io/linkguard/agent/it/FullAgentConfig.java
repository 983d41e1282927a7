package io.linkguard.agent.it;

import java.nio.file.Path;

/**
 * An agent config for {@link TwoHosts} that turns on every feature that
 * exports metrics, so that a scrape of it holds every series the dashboards
 * and alert rules can ask for: ICMP and TCP probes, a BFD session with Echo
 * (the peer runs no BFD: the session stays Down, its series exist), a path-MTU
 * probe, failover paths with route and exec actions, on the agent namespace's
 * veth "tun0", and an alert channel (an Alertmanager URL where nothing listens:
 * deliveries fail, which is fine, the channel's series exist either way).
 */
final class FullAgentConfig {
    static final String NODE = "it-node";
    static final String LINK = "tunnel";
    static final String CHANNEL = "it-alertmanager";

    private FullAgentConfig() {
    }

    /** @param stateDirectory where the alert spool goes; must exist and be writable by the agent */
    static String yaml(int port, Path stateDirectory) {
        return """
                agent:
                  listen: 127.0.0.1:%d
                  node: %s
                  state_directory: %s
                links:
                  - name: %s
                    peer: %s
                    source: %s
                    interface: tun0
                    probes:
                      - type: icmp
                        interval: 100ms
                        timeout: 500ms
                      - type: tcp
                        port: 2222
                        interval: 1s
                        timeout: 500ms
                      - type: bfd
                        interval: 100ms
                        echo: true
                      - type: pmtu
                        interval: 1m
                        expected: 1500
                    paths:
                      - name: tunnel
                        actions:
                          - type: route
                            prefixes: [10.20.0.0/16]
                            via: %s
                            dev: tun0
                      - name: backup
                        actions:
                          - type: route
                            prefixes: [10.20.0.0/16]
                            dev: lo
                          - type: exec
                            argv: [/bin/true]
                            timeout: 5s
                alerts:
                  channels:
                    - name: %s
                      type: alertmanager
                      url: http://127.0.0.1:9
                """.formatted(port, NODE, stateDirectory, LINK, TwoHosts.PEER_V4, TwoHosts.AGENT_V4, TwoHosts.PEER_V4,
                        CHANNEL);
    }
}
