package dev.gatehouse.jdbc;

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs every test of the class once per {@link SqlDatabase}. The class takes the database as a
 * {@code @Parameter SqlDatabase} field and opens it through a {@link SqlDatabases} extension,
 * instead of a subclass per database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@EnumSource(SqlDatabase.class)
@interface SqlMatrix {
}
