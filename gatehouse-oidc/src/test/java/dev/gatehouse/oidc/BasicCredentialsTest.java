package dev.gatehouse.oidc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class BasicCredentialsTest {
    private static String basic(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void exactCredentialsAndOtherSchemesPass() {
        assertThat(BasicCredentials.isCanonical(basic("billing:s3cret"))).isTrue();
        assertThat(BasicCredentials.isCanonical("basic " + basic("a:b").substring(6))).as("the scheme is case-insensitive").isTrue();
        assertThat(BasicCredentials.isCanonical("Bearer abc")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic YmlsbGluZzpzM2NyZXQ=x", "Basic YmlsbGluZzpzM2NyZXQ", "Basic  YmlsbGluZzpzM2NyZXQ=",
            "Basic YmlsbGluZzpzM2NyZXQ= ", "Basic YmlsbGluZy1zM2NyZXQ=", "Basic Ym\nlsbGluZzpzM2NyZXQ=", "Basic /w==",
            "Basic OmJpbGxpbmc=", "Basic YmlsbGluZzpzM2NyZXR=", "Basic "})
    void anythingTwoDecodersCouldReadDifferentlyIsRefused(String header) {
        assertThat(BasicCredentials.isCanonical(header)).as(header).isFalse();
    }
}
