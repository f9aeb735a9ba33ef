package dev.gatehouse.jdbc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlsTest {
    @Test
    void masksPasswordParameters() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/gh?user=gh&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/gh?user=gh&password=***&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:sqlite:/data/gh.db?PASSWORD=hunter2"))
                .isEqualTo("jdbc:sqlite:/data/gh.db?PASSWORD=***");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/gh?sslpassword=a&sslkey=/k.pem"))
                .isEqualTo("jdbc:postgresql://db/gh?sslpassword=***&sslkey=/k.pem");
    }

    @Test
    void masksThePasswordOfUserInfo() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://gh:hunter2@db:5432/gh"))
                .isEqualTo("jdbc:postgresql://gh:***@db:5432/gh");
    }

    @Test
    void leavesUrlsWithoutSecretsAlone() {
        assertThat(JdbcUrls.redact("jdbc:sqlite:./data/gatehouse.db")).isEqualTo("jdbc:sqlite:./data/gatehouse.db");
    }

    @Test
    void scrubsSecretsQuotedInAnotherMessage() {
        String url = "jdbc:postgresql://gh:s3cr3t@db/gh?password=hunter2";

        String scrubbed = JdbcUrls.scrub("cannot connect to " + url + " with hunter2 or s3cr3t", url);

        assertThat(scrubbed).doesNotContain("hunter2", "s3cr3t").contains("jdbc:postgresql://gh:***@db/gh?password=***");
        assertThat(JdbcUrls.scrub(null, url)).isEmpty();
    }
}
