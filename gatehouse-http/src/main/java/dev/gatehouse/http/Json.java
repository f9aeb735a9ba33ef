package dev.gatehouse.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON configuration of the API: snake_case names, ISO-8601 instants, strict parsing. */
public final class Json {
    private Json() {
    }

    /**
     * A new mapper with the API's configuration. Parsing is strict: a repeated field or a second
     * value after the body is refused, not resolved, since another reader of the same bytes could
     * keep the other one.
     *
     * @return a mapper of its own, safe to configure further
     */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // {"password": "a", "password": "b"} must not mean whichever a parser happens to keep.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                // Nor may {"password": "a"}{"password": "b"}: a body is one JSON value, not the first of several.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS))
                .build();
    }
}
