package io.emaillogs.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.app.demo.DemoData;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the README's client example compiling, working on the demo data, and in the README. */
class ClientExampleTest {

  @Test
  void the_readme_example_runs_against_the_demo() throws Exception {
    try (TestServer server = TestServer.start("mem")) {
      DemoData.Seeded demo = DemoData.seed(server.logs(), Clock.systemUTC(), 2_000, 1L);
      String baseUrl = server.uri().toString();
      String token = demo.customerToken();
      List<LogEvent> live = Collections.synchronizedList(new ArrayList<>());
      List<EmailLog> bounced;
      Timeline timeline;
      long received;
      // README:begin
      try (EmailLogsClient client = EmailLogsClient.builder(URI.create(baseUrl), token).build()) {
        Instant now = Instant.now();
        LogQuery query =
            LogQuery.builder()
                .status(Status.BOUNCED)
                .recipientDomain("gmail.com")
                .createdBetween(now.minus(Duration.ofDays(30)), now) // any length: 7-day windows
                .build();
        try (Stream<EmailLog> logs = client.logs(query)) { // lazy, follows the page tokens
          bounced = logs.limit(200).toList();
        }
        timeline = client.timeline(bounced.get(0).refId());
        StreamFilters deliveries = StreamFilters.builder().eventType(EventType.DELIVERED).build();
        try (Subscription tail = client.stream("mail.acme-shop.com", deliveries, live::add)) {
          Thread.sleep(3_000); // events arrive on the subscription's thread, once each, in order
          received = tail.eventsReceived();
        }
      }
      // README:end
      assertThat(bounced).isNotEmpty().allMatch(l -> l.status() == Status.BOUNCED);
      assertThat(bounced).allMatch(l -> l.recipientDomain().equals("gmail.com"));
      assertThat(timeline.events())
          .extracting(Timeline.Event::eventType)
          .contains(EventType.QUEUED, EventType.BOUNCED);
      assertThat(live).hasSize((int) received);
      live.forEach(e -> assertThat(e.eventType()).isEqualTo(EventType.DELIVERED));
    }
  }

  @Test
  void the_readme_shows_exactly_this_example() throws IOException {
    String source =
        Files.readString(Path.of("src/test/java/io/emaillogs/client/ClientExampleTest.java"));
    String example =
        source.substring(
            source.indexOf("// README:begin") + "// README:begin".length(),
            source.indexOf("      // README:end"));
    String readme = Files.readString(Path.of("../README.md"));
    assertThat(squash(readme)).contains(squash(example));
  }

  private static String squash(String code) {
    return code.replaceAll("\\s+", " ").strip();
  }
}
