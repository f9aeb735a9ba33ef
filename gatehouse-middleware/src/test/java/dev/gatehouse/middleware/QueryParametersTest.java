package dev.gatehouse.middleware;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryParametersTest {
    @Test
    void theFirstValueIsReadDecodedAsGetParameterWouldGiveIt() {
        assertThat(QueryParameters.first("a=1&_method=DELETE&_method=GET", "_method")).hasValue("DELETE");
        assertThat(QueryParameters.first("access%5Ftoken=a%2Bb+c", "access_token")).hasValue("a+b c");
        assertThat(QueryParameters.first("flag", "flag")).hasValue("");
        assertThat(QueryParameters.first("a=1", "b")).isEmpty();
        assertThat(QueryParameters.first(null, "a")).isEmpty();
        assertThat(QueryParameters.first("", "a")).isEmpty();
    }

    @Test
    void aValueThatDoesNotDecodeIsGivenAsSentSoThatItIsRefusedNotGuessed() {
        assertThat(QueryParameters.first("_method=DEL%zzETE", "_method")).hasValue("DEL%zzETE");
    }
}
