package io.emaillogs.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A live stream read through a proxy whose connections are reset twice and frozen once (a half-open
 * connection, found by the idle timeout) while events are ingested without pause: the listener
 * still sees every event exactly once, in ingestion order, and each reconnection asked for the
 * events after the last one received ({@code Last-Event-ID}).
 */
class StreamReconnectTest {
  private static final int EVENTS = 600;
  private static final int BATCH = 10;

  @ParameterizedTest
  @ValueSource(strings = {"mem", "postgresql"})
  void no_event_is_lost_or_repeated_across_dropped_connections(String store) throws Exception {
    try (TestServer server = TestServer.start(store);
        CuttableProxy proxy = new CuttableProxy(server.port())) {
      TestServer.Customer customer = server.customer("example.com", null);
      List<LogEvent> received = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger reconnects = new AtomicInteger();
      AtomicReference<EmailLogsClientException> failure = new AtomicReference<>();
      StreamListener listener =
          new StreamListener() {
            @Override
            public void onEvent(LogEvent event) {
              received.add(event);
            }

            @Override
            public void onReconnect(int attempt, Duration delay, String cause) {
              reconnects.incrementAndGet();
            }

            @Override
            public void onError(EmailLogsClientException error) {
              failure.set(error);
            }
          };
      try (EmailLogsClient client =
              EmailLogsClient.builder(
                      URI.create("http://127.0.0.1:" + proxy.port()), customer.token())
                  .streamBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
                  .streamIdleTimeout(Duration.ofSeconds(1))
                  .build();
          Subscription subscription =
              client.stream("example.com", StreamFilters.none(), listener)) {
        Thread producer = new Thread(() -> produce(server, customer), "producer");
        producer.start();

        await(() -> received.size() >= 100);
        proxy.cutAll();
        await(() -> received.size() >= 250);
        proxy.cutAll();
        await(() -> received.size() >= 400);
        proxy.freezeAll();
        await(() -> received.size() >= EVENTS);
        producer.join(30_000);
        Thread.sleep(300); // nothing more may come

        assertThat(failure.get()).isNull();
        List<String> refIds = new ArrayList<>();
        long previous = -1;
        synchronized (received) {
          for (LogEvent event : received) {
            assertThat(event.id()).isGreaterThan(previous);
            previous = event.id();
            refIds.add(event.refId());
          }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
          expected.add("s-" + i);
        }
        assertThat(refIds).containsExactlyElementsOf(expected);
        assertThat(subscription.eventsReceived()).isEqualTo(EVENTS);
        assertThat(subscription.connections()).isGreaterThanOrEqualTo(4);
        assertThat(reconnects.get()).isGreaterThanOrEqualTo(3);
        List<String> requests = proxy.requests();
        assertThat(requests.get(0)).doesNotContainIgnoringCase("Last-Event-ID");
        for (String request : requests.subList(1, requests.size())) {
          assertThat(request).containsIgnoringCase("Last-Event-ID: ");
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "postgresql"})
  void a_drop_before_the_first_event_and_a_limit_over_reconnections(String store) throws Exception {
    try (TestServer server = TestServer.start(store);
        CuttableProxy proxy = new CuttableProxy(server.port())) {
      TestServer.Customer customer = server.customer("example.com", null);
      List<LogEvent> received = Collections.synchronizedList(new ArrayList<>());
      AtomicReference<String> completion = new AtomicReference<>();
      StreamListener listener =
          new StreamListener() {
            @Override
            public void onEvent(LogEvent event) {
              received.add(event);
            }

            @Override
            public void onComplete(long count, String reason) {
              completion.set(count + " " + reason);
            }
          };
      try (EmailLogsClient client =
              EmailLogsClient.builder(
                      URI.create("http://127.0.0.1:" + proxy.port()), customer.token())
                  .streamBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
                  .build();
          Subscription subscription =
              client.stream("example.com", StreamFilters.builder().limit(120).build(), listener)) {
        proxy.cutAll(); // no event yet: nothing to resume after
        await(() -> subscription.connections() >= 2);
        Thread producer = new Thread(() -> produce(server, customer), "producer");
        producer.start();
        await(() -> received.size() >= 60);
        proxy.cutAll();
        assertThat(subscription.awaitTermination(Duration.ofSeconds(30))).isTrue();
        producer.join(30_000);

        assertThat(completion.get()).isEqualTo("120 limit");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
          expected.add("s-" + i);
        }
        assertThat(received).extracting(LogEvent::refId).containsExactlyElementsOf(expected);
        List<String> requests = proxy.requests();
        // the resumption without an id asks for the events since the stream was opened
        assertThat(requests.get(1)).contains("start=").doesNotContainIgnoringCase("Last-Event-ID");
        // a later one resumes after the last event and asks only for what the limit leaves
        String last = requests.get(requests.size() - 1);
        assertThat(last).containsIgnoringCase("Last-Event-ID: ").doesNotContain("limit=120");
      }
    }
  }

  private static void produce(TestServer server, TestServer.Customer customer) {
    try {
      Instant at = Instant.now();
      for (int from = 0; from < EVENTS; from += BATCH) {
        StringBuilder ndjson = new StringBuilder();
        for (int i = from; i < from + BATCH; i++) {
          ndjson
              .append("{\"type\":\"queued\",\"accountId\":")
              .append(customer.accountId())
              .append(",\"refId\":\"s-")
              .append(i)
              .append("\",\"recipientAddress\":\"r@example.org\",\"timestamp\":\"")
              .append(at.plusMillis(i))
              .append("\",\"fromAddress\":\"news@example.com\",\"subject\":\"Hello\"}\n");
        }
        server.ingest(ndjson.toString());
        Thread.sleep(15);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
