package dev.gatehouse.server.config;

import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.EnumMap;
import java.util.Map;

/**
 * Gives a command one option per {@link Setting}, made from the table, so that a flag, its help
 * text and its default are never written a second time. Name it as a command's
 * {@code modelTransformer}; the command reads what was given with {@link #given}.
 */
public final class SettingOptions implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec command) {
        for (Setting setting : Setting.values()) {
            command.addOption(OptionSpec.builder(setting.flag())
                    .type(String.class)
                    .paramLabel("<" + setting.flag().substring(2) + ">")
                    .description(setting.helpText())
                    .build());
        }
        return command;
    }

    /** The flags given to {@code command}, by the setting each names. */
    public static Map<Setting, String> given(CommandSpec command) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            OptionSpec option = command.findOption(setting.flag());
            if (option == null) {
                throw new IllegalStateException(command.name() + " has no " + setting.flag() + ": name SettingOptions as its model transformer");
            }
            String value = option.getValue();
            if (value != null) {
                flags.put(setting, value);
            }
        }
        return flags;
    }

    /** The settings from the environment and the flags given to {@code command}; a bad value throws with every problem named. */
    public static GatehouseConfig load(CommandSpec command, Map<String, String> environment) {
        return ConfigLoader.load(environment, given(command));
    }
}
