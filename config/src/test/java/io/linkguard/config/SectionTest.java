package io.linkguard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Binding a mapping to its declared keys, and the JSON Schema of the same declarations. */
class SectionTest {

    private static final Key<Duration> INTERVAL = Key.duration("interval", Duration.ofSeconds(1),
            Duration.ofMillis(10), Duration.ofHours(1), "time between two probes");
    private static final Key<Integer> PORT = Key.integer("port", null, 1, 65535, "the port").required();
    private static final Key<Boolean> DF = Key.bool("df", false, "don't fragment");
    private static final Section SECTION = new Section(" for a test", INTERVAL, PORT, DF);

    private final ConfigProblems problems = new ConfigProblems("t.yml");

    private Section.Values bind(String yaml) {
        return SECTION.bind(Field.root(new Yaml().compose(new java.io.StringReader(yaml))), problems).orElseThrow();
    }

    private List<String> messages() {
        try {
            problems.throwIfAny();
            return List.of();
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
    }

    @Test
    void absentKeysTakeTheirDefaultAndPresentOnesAreRead() {
        Section.Values v = bind("port: 443\ninterval: 200ms\n");
        assertThat(v.valid()).isTrue();
        assertThat(v.value(INTERVAL)).isEqualTo(Duration.ofMillis(200));
        assertThat(v.value(PORT)).isEqualTo(443);
        assertThat(v.value(DF)).isFalse();
        assertThat(v.field(DF)).isEmpty();
    }

    @Test
    void unknownKeysFirstThenEachKeyInDeclarationOrder() {
        Section.Values v = bind("intervall: 1s\ninterval: 5ms\ndf: yes\n");
        assertThat(v.valid()).isFalse();
        assertThat(v.get(INTERVAL)).isEmpty();
        assertThat(messages()).containsExactly(
                "t.yml:1: intervall: unknown key for a test (expected one of: interval, port, df)",
                "t.yml:1: port: required key is missing",
                "t.yml:2: interval: must be at least 10ms (got 5ms)",
                "t.yml:3: df: must be true or false (got \"yes\")");
    }

    @Test
    void callersReadKeysWhoseRulesDependOnTheirContext() {
        Key.Reader<Integer> small = (field, p) -> YamlValues.integer(field, 1, 1024, " here", false, p)
                .map(Long::intValue);
        SECTION.bind(Field.root(new Yaml().compose(new java.io.StringReader("port: 2000\n"))), problems,
                Map.of(PORT, small));
        assertThat(messages()).containsExactly("t.yml:1: port: must be between 1 and 1024 here (got 2000)");
    }

    @Test
    void theSchemaHasEveryKeyWithItsTypeBoundsDefaultAndDoc() {
        Map<String, Object> schema = SECTION.schema();
        assertThat(schema).containsEntry("type", "object").containsEntry("additionalProperties", false)
                .containsEntry("required", List.of("port"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) schema.get("properties");
        assertThat(properties.keySet()).containsExactly("interval", "port", "df");
        assertThat(properties.get("interval")).containsEntry("pattern", Key.DURATION_PATTERN)
                .containsEntry("default", "1s")
                .containsEntry("description", "time between two probes (10ms to 1h, default 1s)");
        assertThat(properties.get("port")).containsEntry("minimum", 1L).containsEntry("maximum", 65535L);
        assertThat(Json.write(schema)).startsWith("{\n  \"type\": \"object\",");
        assertThat(Optional.ofNullable(properties.get("df").get("default"))).contains(false);
    }
}
