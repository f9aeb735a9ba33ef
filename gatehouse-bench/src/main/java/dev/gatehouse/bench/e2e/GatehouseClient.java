package dev.gatehouse.bench.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server's public API as the driver uses it: registrations and sign-ins (each one an Argon2id hash), service tokens. */
final class GatehouseClient {
    static final String COOKIE_NAME = "gatehouse_session";

    /** What one sign-in gave: the session cookie's value, an access token and a refresh token. */
    record SignIn(String cookie, String accessToken, String refreshToken) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    GatehouseClient(String baseUrl) {
        this.base = baseUrl;
    }

    static String email(int i) {
        return "user" + i + "@bench.test";
    }

    void register(String email, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/api/v1/users", json("email", email, "password", password));
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IOException("registering a user answered " + r.statusCode() + ": " + r.body());
        }
    }

    SignIn login(String email, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/api/v1/auth/login", json("email", email, "password", password));
        if (r.statusCode() != 200) {
            throw new IOException("signing in answered " + r.statusCode() + " (body not shown: it may hold tokens)");
        }
        String cookie = r.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith(COOKIE_NAME + "="))
                .map(c -> c.substring(COOKIE_NAME.length() + 1).split(";", 2)[0])
                .findFirst().orElseThrow(() -> new IOException("sign-in set no " + COOKIE_NAME + " cookie"));
        return new SignIn(cookie, field(r.body(), "access_token"), field(r.body(), "refresh_token"));
    }

    String createServiceToken(String data) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/api/v1/tokens", json("user_data", data));
        if (r.statusCode() != 200) {
            throw new IOException("POST /api/v1/tokens answered " + r.statusCode());
        }
        return field(r.body(), "token");
    }

    /**
     * Registers a client through the admin API, signed in as the admin.
     *
     * @param registration the client's JSON, as {@code POST /api/v1/admin/clients} takes it
     * @return the client's secret, shown this once
     */
    String registerClient(String adminEmail, String adminPassword, String registration) throws IOException, InterruptedException {
        SignIn admin = login(adminEmail, adminPassword);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/clients"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Cookie", COOKIE_NAME + "=" + admin.cookie())
                .POST(HttpRequest.BodyPublishers.ofString(registration)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IOException("registering a client answered " + r.statusCode() + " (body not shown: it may hold the secret)");
        }
        return field(r.body(), "client_secret");
    }

    /**
     * An authorization code of a first-party client for the signed-in session {@code cookie}: the
     * code of {@code GET /authorize}'s redirect, which a signed-in user of a first-party app gets
     * with no page in between.
     */
    String authorizationCode(String cookie, String authorizeQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/authorize?" + authorizeQuery))
                .timeout(Duration.ofSeconds(60))
                .header("Cookie", COOKIE_NAME + "=" + cookie)
                .GET().build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("location").orElse("");
        Matcher code = Pattern.compile("[?&]code=([A-Za-z0-9_-]+)").matcher(location);
        if (r.statusCode() != 303 || !code.find()) {
            throw new IOException("GET /authorize answered " + r.statusCode() + " without a code");
        }
        return code.group(1);
    }

    /** Exchanges a code; returns the access token. */
    String exchangeCode(String basicAuthorization, String form) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/token"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basicAuthorization)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("exchanging a code answered " + r.statusCode());
        }
        return field(r.body(), "access_token");
    }

    /** Runs count calls of work on parallel threads (the server hashes on all its cores), in order of index. */
    static <T> List<T> inParallel(int count, int parallelism, IntFunction<T> work) throws IOException {
        try (ExecutorService pool = Executors.newFixedThreadPool(parallelism)) {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> work.apply(index)));
            }
            List<T> results = new ArrayList<>(count);
            for (Future<T> f : futures) {
                try {
                    results.add(f.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while seeding", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("seeding failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            return results;
        }
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String json(String... namesAndValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(namesAndValues[i]).append("\":\"").append(escape(namesAndValues[i + 1])).append('"');
        }
        return out.append('}').toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String field(String json, String name) throws IOException {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IOException("the answer has no " + name);
        }
        return m.group(1);
    }
}
