package io.linkguard.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.agent.config.BfdProbeConfig;
import io.linkguard.agent.config.Config;
import io.linkguard.agent.config.ConfigLoader;
import io.linkguard.agent.config.LinkConfig;
import io.linkguard.agent.events.LinkController;
import io.linkguard.agent.events.LinkFact;
import io.linkguard.agent.events.LinkInboxes;
import io.linkguard.agent.failover.ActionOutcome;
import io.linkguard.agent.health.LinkState;
import io.linkguard.agent.reload.ConfigDiff;
import io.linkguard.alerts.AlertEvent;
import io.linkguard.bfd.engine.BfdStateChange;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;
import io.linkguard.exporter.FailoverMetrics;
import io.linkguard.exporter.PmtuMetrics;
import io.linkguard.exporter.ProbeMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import io.linkguard.probes.netlink.KernelView;
import io.linkguard.exporter.InterfaceMetrics;
import io.linkguard.exporter.RegistryText;
import io.linkguard.agent.failover.FakeRoutes;
import io.linkguard.agent.health.HealthTransition;
import org.junit.jupiter.api.Test;

/**
 * The links of a config become controllers the links thread runs (the thread is not started here:
 * the test drains), and a reload that restarts a link's controller has the kept BFD session replay its
 * state into the new controller's inbox.
 */
class RunningLinksTest {
    private static final String CONFIG = """
            agent:
              listen: 127.0.0.1:9100
            links:
              - name: la-sg
                peer: 127.0.0.2
                probes:
                  - type: bfd
            """;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final LinkInboxes inboxes = new LinkInboxes();
    private final LinksLoop loop = new LinksLoop(inboxes);
    private final List<AlertEvent> alerts = new ArrayList<>();

    /** Stands in for BfdLinks: the session is Up and, asked, replays that as the engine would. */
    private final class Sessions implements RunningLinks.BfdControl {
        final List<String> added = new ArrayList<>();
        final List<String> replayed = new ArrayList<>();

        @Override
        public void add(LinkConfig link, BfdProbeConfig probe) {
            added.add(link.name());
        }

        final List<String> removed = new ArrayList<>();

        @Override
        public void remove(LinkConfig link) {
            removed.add(link.name());
        }

        @Override
        public void replayState(LinkConfig link) {
            replayed.add(link.name());
            inboxes.publish(link.name(), new LinkFact.Bfd(new BfdStateChange(link.name(), link.peer(), BfdState.UP,
                    BfdState.UP, Diagnostic.NONE, Diagnostic.NONE, BfdState.UP, 0), true, true));
        }
    }

    private RunningLinks links(Sessions sessions) {
        FailoverMetrics failover = new FailoverMetrics(registry,
                Arrays.stream(LinkState.values()).map(LinkState::label).toList(), LinkState.UNKNOWN.label(),
                Arrays.stream(ActionOutcome.values()).map(ActionOutcome::label).toList());
        return new RunningLinks(failover, new ProbeMetrics(registry, r -> 0), new ProbeFactories.Engines(null, null,
                null, null), sessions, inboxes, loop, alerts::add, new PmtuMetrics(registry),
                new RunningLinks.Kernel(kernel::get, new FakeRoutes(), new InterfaceMetrics(registry, () -> java.util.Optional.of(List.of()),
                        () -> 0, () -> 0)));
    }

    private final AtomicReference<KernelView> kernel = new AtomicReference<>(Kernels.EMPTY);

    @Test
    void aLinkWhoseInterfaceIsAbsentRunsDownAndItsBfdSessionFollowsTheInterface() throws Exception {
        Config config = ConfigLoader.parse(CONFIG.replace("    probes:", "    interface: tun9\n    probes:"),
                "agent.yml");
        Sessions sessions = new Sessions();
        RunningLinks links = links(sessions);

        assertThat(links.apply(ConfigDiff.between(new Config(config.agent(), List.of(), config.source()), config),
                config.links())).as("an absent interface is no start-up error").isEmpty();
        drain(loop.controllers());
        assertThat(sessions.added).isEmpty();
        assertThat(links.statuses()).singleElement().satisfies(s -> {
            assertThat(s.health().state()).isEqualTo(LinkState.DOWN);
            assertThat(s.health().reason().orElseThrow().reason()).isEqualTo(HealthTransition.Reason.INTERFACE_ABSENT);
        });

        kernel.set(Kernels.of(Kernels.up("tun9", 7)));
        links.kernelChanged(kernel.get());
        assertThat(sessions.added).containsExactly("la-sg");

        kernel.set(Kernels.of(Kernels.up("tun9", 8))); // deleted and created again: a new index
        links.kernelChanged(kernel.get());
        assertThat(sessions.removed).containsExactly("la-sg");
        assertThat(sessions.added).containsExactly("la-sg", "la-sg");
        assertThat(RegistryText.value(registry,
                "linkguard_interface_changes_total{change=\"created\",interface=\"tun9\",link=\"la-sg\"}"))
                .isEqualTo(2);
        links.close();
    }

    private static void drain(List<LinkController> controllers) {
        controllers.forEach(LinkController::drain);
    }

    @Test
    void aRestartedControllerHearsTheKeptSessionsStateWithoutAnAlert() throws Exception {
        Config first = ConfigLoader.parse(CONFIG, "agent.yml");
        Config next = ConfigLoader.parse(CONFIG + """
                    health:
                      window: 30s
                """, "agent.yml");
        Sessions sessions = new Sessions();
        RunningLinks links = links(sessions);

        assertThat(links.apply(ConfigDiff.between(new Config(first.agent(), List.of(), first.source()), first),
                first.links())).isEmpty();
        assertThat(sessions.added).containsExactly("la-sg");
        assertThat(loop.controllers()).hasSize(1);
        LinkController before = loop.controllers().getFirst();

        assertThat(links.apply(ConfigDiff.between(first, next), next.links())).isEmpty();
        LinkController after = loop.controllers().getFirst();
        assertThat(after).isNotSameAs(before);
        assertThat(sessions.replayed).containsExactly("la-sg");
        drain(loop.controllers());

        assertThat(links.statuses()).singleElement()
                .satisfies(s -> assertThat(s.health().state()).isEqualTo(LinkState.UP));
        assertThat(alerts).as("nothing happened to the link").isEmpty();
        links.close();
    }
}
