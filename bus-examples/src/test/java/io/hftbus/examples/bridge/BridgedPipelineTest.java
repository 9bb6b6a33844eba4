package io.hftbus.examples.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.nats.testing.NatsServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two halves of the bridged pipeline, against a real server: B receives what A sent, and says its lag. */
class BridgedPipelineTest {

    @Test
    void processBReceivesEverythingProcessASentAndDecisionsComeBack(@TempDir Path dir) throws Exception {
        String output;
        try (NatsServer server = NatsServer.start(dir)) {
            PrintStream original = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                BridgedPipeline.main(new String[] {"--role", "both", "--nats", server.url(), "--seconds", "2"});
            } finally {
                System.setOut(original);
            }
            output = captured.toString(StandardCharsets.UTF_8);
        }
        assertThat(output).contains("B execution: received").contains("lag").contains("transit");
        long sent = number(output, "A trading:   done: .*; bridge sent (\\d+), acked \\1");
        long received = number(output, "B execution: done: received (\\d+) events from A");
        assertThat(sent).as("A sent; its output:%n%s", output).isPositive();
        assertThat(received).as("what B received is what A sent; output:%n%s", output).isEqualTo(sent);
        assertThat(number(output, "A trading:   done: .* (\\d+) signals;")).isPositive();
        assertThat(number(output, "B execution: done: .*; (\\d+) approved")).isPositive();
    }

    private static long number(String output, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(output);
        assertThat(matcher.find()).as("output has /%s/:%n%s", pattern, output).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
