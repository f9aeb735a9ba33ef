package dev.gatehouse.http;

import java.util.Optional;

/** The sign-in page's HTML: every value that came from a request is escaped. */
final class LoginPage {
    private LoginPage() {
    }

    static String html(String returnTo, Optional<String> error, String login) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Sign in</title>
                <style>
                body { font-family: system-ui, sans-serif; display: grid; place-items: center; min-height: 100vh; margin: 0; background: #f4f5f7; }
                form { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); width: 18rem; }
                label { display: block; margin-top: 1rem; }
                input { width: 100%%; box-sizing: border-box; padding: .5rem; margin-top: .25rem; }
                button { margin-top: 1.5rem; width: 100%%; padding: .6rem; }
                .error { color: #b00020; }
                </style>
                </head>
                <body>
                <form method="post" action="/login" id="signin">
                <h1>Sign in</h1>
                %s
                <input type="hidden" name="return_to" value="%s">
                <label>Email or username <input name="login" value="%s" autocomplete="username" required autofocus></label>
                <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
                <button type="submit">Sign in</button>
                </form>
                <script>
                // Only a nicety: stop a double submit. The form works the same without JavaScript.
                document.getElementById('signin').addEventListener('submit', function (e) {
                  e.target.querySelector('button').disabled = true;
                });
                </script>
                </body>
                </html>
                """.formatted(error.map(m -> "<p class=\"error\" role=\"alert\">" + escape(m) + "</p>").orElse(""), escape(returnTo), escape(login));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
