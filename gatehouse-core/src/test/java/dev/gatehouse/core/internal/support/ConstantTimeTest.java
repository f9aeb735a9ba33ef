package dev.gatehouse.core.internal.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConstantTimeTest {

    @Test
    void equalStringsAreEqual() {
        assertThat(ConstantTime.equals("secret", "secret")).isTrue();
        assertThat(ConstantTime.equals("", "")).isTrue();
        assertThat(ConstantTime.equals("h\u00e9llo", "h\u00e9llo")).isTrue();
    }

    @Test
    void differentStringsAreNot() {
        assertThat(ConstantTime.equals("secret", "secreT")).isFalse();
        assertThat(ConstantTime.equals("secret", "Secret")).isFalse();
        assertThat(ConstantTime.equals("secret", "secret ")).isFalse();
        assertThat(ConstantTime.equals("secret", "")).isFalse();
        assertThat(ConstantTime.equals("\u00e9", "e\u0301")).isFalse();
    }

    @Test
    void nullIsNeverEqual() {
        assertThat(ConstantTime.equals(null, "x")).isFalse();
        assertThat(ConstantTime.equals("x", null)).isFalse();
        assertThat(ConstantTime.equals(null, null)).isFalse();
    }
}
