package io.linkguard.core.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What Loops prints (to the journal) passes through the process-wide redactor: message and stack alike. */
class LoopsRedactionTest {
    private static final String SECRET = "xoxb-T0KEN-s3cr3t-value";

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final List<String> halts = new ArrayList<>();
    private final Loops loops = new Loops(() -> 0L, halts::add,
            () -> new PrintStream(printed, true, StandardCharsets.UTF_8));

    @AfterEach
    void identity() {
        Loops.setRedactor(UnaryOperator.identity());
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static RuntimeException leaky() {
        return new IllegalStateException("POST https://hooks.example/services/" + SECRET + " failed",
                new RuntimeException("cause quotes " + SECRET));
    }

    @Test
    void aFailureWhoseMessageCarriesASecretPrintsNoSecret() {
        Loops.setRedactor(text -> text.replace(SECRET, "[redacted]"));

        loops.failed("alerts-noc", leaky());

        assertThat(printed()).contains("alerts-noc: internal error", "IllegalStateException", "[redacted]",
                "Caused by").doesNotContain(SECRET).doesNotContain(SECRET.substring(0, 8));
    }

    @Test
    void aFatalErrorPrintsAndHaltsWithoutTheSecret() {
        Loops.setRedactor(text -> text.replace(SECRET, "[redacted]"));

        loops.fatal("alerts-noc", "delivery failed", new AssertionError("token " + SECRET));

        assertThat(printed()).contains("AssertionError").doesNotContain(SECRET);
        assertThat(halts).singleElement().asString().contains("[redacted]").doesNotContain(SECRET);
    }

    @Test
    void withoutARedactorTheTextIsPrintedAsIs() {
        loops.failed("alerts-noc", new IllegalStateException("plain"));

        assertThat(printed()).contains("IllegalStateException: plain");
    }

    @Test
    void aRedactorThatThrowsPrintsNothingOfTheText() {
        Loops.setRedactor(text -> {
            throw new IllegalArgumentException("bug");
        });

        loops.failed("alerts-noc", leaky());

        assertThat(printed()).doesNotContain(SECRET).contains("the redactor failed");
    }
}
