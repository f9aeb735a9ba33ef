package dev.gatehouse.core.token;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads the Wycheproof vectors kept with the tests ({@code src/test/resources/wycheproof}, with
 * their Apache-2.0 licence). A missing file is a failure, never a skip: the vectors are part of
 * the repository, so their absence means a broken checkout.
 */
public final class Wycheproof {
    private Wycheproof() {
    }

    public static Map<String, Object> read(String fileName) {
        String resource = "/wycheproof/" + fileName;
        try (InputStream in = Wycheproof.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Wycheproof vectors missing from the test class path: " + resource);
            }
            return JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("cannot read Wycheproof file " + fileName, e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> json, String name) {
        return (List<Map<String, Object>>) json.get(name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> json, String name) {
        return (Map<String, Object>) json.get(name);
    }

    static int tcId(Map<String, Object> test) {
        return ((Number) test.get("tcId")).intValue();
    }

    static byte[] hex(Map<String, Object> test, String name) {
        return HexFormat.of().parseHex((String) test.get(name));
    }
}
