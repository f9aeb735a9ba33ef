package dev.gatehouse.server;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * One run of the real command line in this process, with {@code stdin} as standard input.
 *
 * @param code the exit code
 * @param out what it printed to standard output
 * @param err what it printed to standard error
 */
record CliRun(int code, String out, String err) {
    static CliRun of(String stdin, String... args) {
        InputStream originalIn = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            CommandLine cli = GatehouseCli.newCommandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            return new CliRun(code, out.toString(), err.toString());
        } finally {
            System.setIn(originalIn);
        }
    }
}
