/**
 * The access rules file (YAML) read into the library's {@code AccessRules}, refused whole when any
 * part of it is wrong, and kept current as the file changes.
 */
module dev.gatehouse.rules {
    // RulesFile hands out the library's AccessRules.
    requires transitive dev.gatehouse.core;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.slf4j;

    exports dev.gatehouse.rules;
}
