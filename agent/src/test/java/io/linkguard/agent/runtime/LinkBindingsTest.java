package io.linkguard.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.agent.config.Config;
import io.linkguard.agent.config.ConfigLoader;
import io.linkguard.agent.config.LinkConfig;
import io.linkguard.agent.health.InterfaceCondition;
import io.linkguard.agent.health.InterfaceReading;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A link's probes follow its interface: bound when it is there, unbound when it goes, bound anew when re-created. */
class LinkBindingsTest {
    private final List<String> calls = new ArrayList<>();
    private final List<String> told = new ArrayList<>();
    /** What the next bind reports as not started (e.g. a BFD socket whose source address is not there yet). */
    private List<String> bindProblems = List.of();
    private final LinkBindings bindings = new LinkBindings(new LinkBindings.Binder() {
        @Override
        public List<String> bind(LinkConfig link) {
            calls.add("bind " + link.name());
            List<String> p = bindProblems;
            bindProblems = List.of();
            return p;
        }

        @Override
        public void unbind(LinkConfig link) {
            calls.add("unbind " + link.name());
        }
    }, new LinkBindings.Listener() {
        @Override
        public void reading(String link, InterfaceReading reading) {
            told.add(reading.condition().name());
        }

        @Override
        public void changed(String link, String iface, LinkBindings.Change change) {
            told.add(iface + " " + change.label());
        }
    });

    private static LinkConfig link(String extra) throws Exception {
        Config c = ConfigLoader.parse("""
                links:
                  - name: la-sg
                    peer: 10.255.0.2
                """ + extra + """
                    probes:
                      - type: icmp
                """, "agent.yml");
        return c.links().getFirst();
    }

    @Test
    void anAbsentInterfaceIsNoErrorAndBindsWhenItAppears() throws Exception {
        LinkConfig l = link("    interface: tun9\n");

        assertThat(bindings.start(l, Kernels.EMPTY)).isEmpty();
        assertThat(calls).isEmpty();
        assertThat(told).containsExactly("INTERFACE_ABSENT");

        bindings.kernelChanged(List.of(l), Kernels.of(Kernels.up("tun9", 7)));

        assertThat(calls).containsExactly("bind la-sg");
        assertThat(told).containsExactly("INTERFACE_ABSENT", "tun9 created", "tun9 up", "PRESENT");
    }

    @Test
    void aReCreatedInterfaceBindsAnewAndADeletedOneUnbinds() throws Exception {
        LinkConfig l = link("    interface: tun9\n");
        bindings.start(l, Kernels.of(Kernels.up("tun9", 7)));
        assertThat(calls).containsExactly("bind la-sg");

        bindings.kernelChanged(List.of(l), Kernels.of(Kernels.up("tun9", 8)));
        assertThat(calls).containsExactly("bind la-sg", "unbind la-sg", "bind la-sg");

        bindings.kernelChanged(List.of(l), Kernels.EMPTY);
        assertThat(calls).containsExactly("bind la-sg", "unbind la-sg", "bind la-sg", "unbind la-sg");
        assertThat(told).contains("tun9 deleted", "INTERFACE_ABSENT");
    }

    @Test
    void operDownKeepsTheProbesBoundAndIsTold() throws Exception {
        LinkConfig l = link("    interface: tun9\n");
        bindings.start(l, Kernels.of(Kernels.up("tun9", 7)));

        bindings.kernelChanged(List.of(l), Kernels.of(Kernels.noCarrier("tun9", 7)));

        assertThat(calls).containsExactly("bind la-sg");
        assertThat(told).containsExactly("tun9 down", "INTERFACE_DOWN");
        bindings.kernelChanged(List.of(l), Kernels.of(Kernels.noCarrier("tun9", 7)));
        assertThat(told).as("nothing new, nothing told").hasSize(2);
    }

    @Test
    void aMissingSourceAddressWaitsForTheAddress() throws Exception {
        LinkConfig l = link("    source: 10.255.0.1\n    interface: tun9\n");
        var noAddress = Kernels.of(Kernels.up("tun9", 7));

        bindings.start(l, noAddress);
        assertThat(told).containsExactly("SOURCE_ABSENT");
        assertThat(calls).isEmpty();

        bindings.kernelChanged(List.of(l), Kernels.withAddress(noAddress, 7, InetAddress.getByName("10.255.0.1")));
        assertThat(calls).containsExactly("bind la-sg");
        assertThat(bindings.isBound("la-sg")).isTrue();
    }

    @Test
    void aLinkWithoutInterfaceOrSourceAlwaysBinds() throws Exception {
        LinkConfig l = link("");

        bindings.start(l, Kernels.EMPTY);

        assertThat(calls).containsExactly("bind la-sg");
        assertThat(told).isEmpty();
        assertThat(InterfaceReading.of(Kernels.EMPTY, l.iface(), l.source()).condition())
                .isEqualTo(InterfaceCondition.PRESENT);
    }

    /**
     * A re-created interface is often brought up before its address is added (ip link add; ip link set up;
     * ip addr add): nothing binds until it is up with its address, so the BFD socket does not fail on a
     * missing source (seen in InterfaceLifecycleIT). A bind that fails anyway is tried again on the next
     * change that finds the interface present.
     */
    @Test
    void nothingBindsUntilTheInterfaceIsUpWithItsAddressAndAFailedBindIsTriedAgain() throws Exception {
        LinkConfig l = link("    source: 10.255.0.1\n    interface: tun9\n");
        InetAddress source = InetAddress.getByName("10.255.0.1");
        bindings.start(l, Kernels.EMPTY);

        bindings.kernelChanged(List.of(l), Kernels.of(Kernels.noCarrier("tun9", 8)));
        bindings.kernelChanged(List.of(l), Kernels.withAddress(Kernels.of(Kernels.noCarrier("tun9", 8)), 8, source));
        assertThat(calls).as("there but down: not bound").isEmpty();

        bindProblems = List.of("bind(10.255.0.1): EADDRNOTAVAIL");
        bindings.kernelChanged(List.of(l), Kernels.withAddress(Kernels.of(Kernels.up("tun9", 8)), 8, source));
        assertThat(calls).containsExactly("bind la-sg");

        bindProblems = List.of();
        bindings.kernelChanged(List.of(l), Kernels.withAddress(Kernels.of(Kernels.noCarrier("tun9", 8)), 8, source));
        assertThat(calls).as("not again while it is down").hasSize(1);
        bindings.kernelChanged(List.of(l), Kernels.withAddress(Kernels.of(Kernels.up("tun9", 8)), 8, source));
        assertThat(calls).containsExactly("bind la-sg", "unbind la-sg", "bind la-sg");

        bindings.kernelChanged(List.of(l), Kernels.withAddress(Kernels.of(Kernels.noCarrier("tun9", 8)), 8, source));
        bindings.kernelChanged(List.of(l), Kernels.withAddress(Kernels.of(Kernels.up("tun9", 8)), 8, source));
        assertThat(calls).as("bound in full: an oper-down and up keep it bound").hasSize(3);
    }

    @Test
    void withInterfaceDownIgnoredALinkBindsToADownInterfaceItsProbesJudge() throws Exception {
        LinkConfig l = link("    interface: tun9\n    health:\n      interface_down: ignore\n");

        bindings.start(l, Kernels.of(Kernels.noCarrier("tun9", 7)));

        assertThat(calls).containsExactly("bind la-sg");
    }

    @Test
    void aRestartedLinkThatKeptItsControllerHearsAReadingThatChangedMeanwhile() throws Exception {
        LinkConfig l = link("    interface: tun9\n");
        bindings.start(l, Kernels.EMPTY);
        told.clear();

        // A reload got the lock before the bindings thread: the interface is up now, unannounced.
        bindings.stop(l);
        bindings.start(l, Kernels.of(Kernels.up("tun9", 7)));
        assertThat(told).as("stop forgets the reading; a present one is not news to a new controller").isEmpty();

        LinkConfig changed = link("    interface: tun9\n    health:\n      window: 20s\n");
        bindings.kernelChanged(List.of(changed), Kernels.of(Kernels.noCarrier("tun9", 7)));
        told.clear();
        bindings.start(changed, Kernels.of(Kernels.up("tun9", 7)));
        assertThat(told).containsExactly("PRESENT");
    }

    @Test
    void echoOnAnInterfaceCreatedLaterAsATunnelIsNamedAtBind() throws Exception {
        LinkConfig base = link("    source: 10.255.0.1\n    interface: tun9\n");
        LinkConfig l = new LinkConfig(base.name(), base.peer(), base.source(), base.iface(), base.fwmark(),
                List.of(new io.linkguard.agent.config.BfdProbeConfig(java.time.Duration.ofMillis(50),
                        java.time.Duration.ofMillis(50), 3, false, 254, false, java.util.Optional.empty(),
                        java.util.Optional.of(java.time.Duration.ofMillis(50)))), base.health(), base.paths());

        assertThat(LinkBindings.echoProblem(l, Kernels.of(Kernels.up("tun9", 7))))
                .hasValueSatisfying(p -> assertThat(p).contains("tun9 has no Ethernet next hop"));
        assertThat(LinkBindings.echoProblem(l, Kernels.EMPTY)).isEmpty();
    }
}
