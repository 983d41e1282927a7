package io.linkguard.agent;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module and package layout of issue 12, checked on the compiled main classes of every
 * module (the agent's test classpath holds them all). Each rule names the reason it exists, so a
 * failure says which part of the design a new import breaks. Test classes are not checked: a test
 * may reach across layers to build its fixture.
 */
class ArchitectureTest {

    private static final String ROOT = "io.linkguard";
    /** Every module with main code; packaging has none. */
    private static final String[] MODULES = {"core", "probes", "bfd", "exporter", "config", "alerts", "agent"};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ArchitectureTest::notATestJar)
                .importPackages(ROOT);
    }

    /** The agent tests see probes' and alerts' test-jars; their fakes are test code too. */
    private static boolean notATestJar(Location location) {
        return !location.contains("-tests.jar");
    }

    @Test
    void sees_every_module() {
        // A rule over an empty set passes; make sure the classpath held what the rules talk about.
        for (String module : MODULES) {
            assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith(ROOT + "." + module + ".")
                    || c.getPackageName().equals(ROOT + "." + module)))
                    .as("main classes of module %s imported", module).isTrue();
        }
    }

    // --- cycles ------------------------------------------------------------------------------

    @Test
    void modules_are_free_of_cycles() {
        slices().matching(ROOT + ".(*)..").namingSlices("module $1")
                .should().beFreeOfCycles()
                .because("issue 12: events flow one way; a module cycle (core ↔ probes, alerts ↔ agent) "
                        + "means neither side can change or be tested alone")
                .check(classes);
    }

    @Test
    void agent_packages_are_free_of_cycles() {
        // Issue 12 item 1 removed agent.events ↔ agent.failover (failover.LinkSupervisor called
        // events.LinkAlerts, whose methods took failover.ActionResult); this rule keeps it out.
        // Sliced like the other modules, so classes put back in the package root count too: the
        // cycles the issue found were root ↔ reload and root ↔ cli.
        slices().assignedFrom(subpackagesOf("agent"))
                .should().beFreeOfCycles()
                .because("issue 12 item 3: the agent splits by concern (runtime, http, events, failover, "
                        + "health, config, reload, systemd, cli); the cycles root ↔ reload, root ↔ cli, "
                        + "alert ↔ cli were the problem the split removes")
                .check(classes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"core", "probes", "bfd", "exporter", "config", "alerts"})
    void packages_inside_a_module_are_free_of_cycles(String module) {
        slices().assignedFrom(subpackagesOf(module))
                .should().beFreeOfCycles()
                .because("issue 12: package cycles hide an order of construction and keep a package "
                        + "from being read or tested alone")
                .check(classes);
    }

    /**
     * Slices a module by its first subpackage, with the module's root package as a slice of its
     * own, so a cycle between {@code io.linkguard.probes} and {@code io.linkguard.probes.net} counts
     * ({@code matching("io.linkguard.probes.(*)..")} would leave the root out).
     */
    private static SliceAssignment subpackagesOf(String module) {
        String base = ROOT + "." + module;
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                if (pkg.equals(base)) {
                    return SliceIdentifier.of(base + " (root)");
                }
                if (!pkg.startsWith(base + ".")) {
                    return SliceIdentifier.ignore();
                }
                String rest = pkg.substring(base.length() + 1);
                int dot = rest.indexOf('.');
                return SliceIdentifier.of(base + "." + (dot < 0 ? rest : rest.substring(0, dot)));
            }

            @Override
            public String getDescription() {
                return "subpackages of " + base;
            }
        };
    }

    // --- forbidden arrows ----------------------------------------------------------------------

    @Test
    void core_depends_on_no_other_linkguard_module() {
        noClasses().that().resideInAPackage(ROOT + ".core..")
                .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
                        .and(not(resideInAPackage(ROOT + ".core.."))))
                .because("issue 12 item 2: core holds the shared bits (loops, log, secret modes, Version) "
                        + "every module may use, so it can depend on none of them")
                .check(classes);
    }

    @Test
    void probes_do_not_know_bfd_alerts_or_the_agent() {
        forbid("probes", "bfd", "alerts", "agent")
                .because("issue 12 item 8: probes are an engine; they publish facts and never call "
                        + "BFD, alert or agent code on their own threads")
                .check(classes);
    }

    @Test
    void bfd_does_not_know_the_exporter_alerts_or_the_agent() {
        forbid("bfd", "exporter", "alerts", "agent")
                .because("issue 12 items 1, 4 and 8: the BFD thread runs no policy (no agent, no alert) "
                        + "and the exporter reads BFD's counters, not the other way round")
                .check(classes);
    }

    @Test
    void exporter_does_not_know_the_agent() {
        forbid("exporter", "agent")
                .because("issue 12 items 4 and 8: every metric family is defined in the exporter, "
                        + "which reads what engines expose and knows nothing of the agent")
                .check(classes);
    }

    @Test
    void alerts_know_no_health_probes_bfd_exporter_or_agent() {
        forbid("alerts", "agent", "probes", "bfd", "exporter")
                .because("issue 12 items 2 and 8: the alerts module delivers the events it is given and "
                        + "depends on nothing of health (agent.health), probes or BFD; alert metrics "
                        + "live in the exporter")
                .check(classes);
    }

    @Test
    void config_reading_knows_no_agent_alerts_probes_or_bfd() {
        forbid("config", "agent", "alerts", "probes", "bfd")
                .because("issue 12 item 5: the config module is generic YAML reading (the binder); "
                        + "the records it builds belong to the modules that use them")
                .check(classes);
    }

    @Test
    void health_is_pure() {
        noClasses().that().resideInAPackage(ROOT + ".agent.health..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        ROOT + ".agent.failover..", ROOT + ".agent.runtime..", ROOT + ".agent.http..",
                        ROOT + ".alerts..")
                .because("issue 12 item 1: health turns facts into a state and a decision; acting on it "
                        + "(failover), running it (runtime), showing it (http) and alerting on it come "
                        + "after, in one place per link")
                .check(classes);
    }

    @Test
    void only_the_cli_uses_the_cli() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".agent.cli..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".agent.cli..")
                .because("issue 12 items 2 and 3: cli holds commands only (HttpPost importing cli.Version "
                        + "made alert ↔ cli a cycle); anything shared lives in core or the agent packages")
                .check(classes);
    }

    /** No class of {@code from} may depend on any class of the given modules. */
    private static ArchRule forbid(String from, String... to) {
        String[] packages = new String[to.length];
        for (int i = 0; i < to.length; i++) {
            packages[i] = ROOT + "." + to[i] + "..";
        }
        return noClasses().that().resideInAPackage(ROOT + "." + from + "..")
                .should().dependOnClassesThat().resideInAnyPackage(packages);
    }
}
