package io.linkguard.agent.cli;

import io.linkguard.agent.config.Config;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code linkguard config-schema}: prints the JSON Schema of the config file, generated from the same key
 * declarations the loader reads, so an editor (e.g. with {@code # yaml-language-server: $schema=...})
 * completes keys, shows their doc line and default, and flags unknown keys and wrong types as you type.
 * {@code check-config} stays the authority: rules between keys are not in the schema.
 */
@Command(name = "config-schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema (draft 2020-12) of the config file, for editors.")
final class ConfigSchemaCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.print(Config.jsonSchema());
        return Main.EXIT_OK;
    }
}
