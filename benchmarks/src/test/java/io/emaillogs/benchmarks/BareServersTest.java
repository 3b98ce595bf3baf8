package io.emaillogs.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.glassfish.grizzly.http.server.HttpServer;
import org.junit.jupiter.api.Test;

/** The reference endpoints and the Java load client, over real HTTP on loopback. */
class BareServersTest {

  @Test
  void the_bare_stream_sends_the_requested_count_over_http() throws Exception {
    List<String> batch =
        List.of(
            "{\"id\":1,\"eventType\":\"sent\"}",
            "{\"id\":2,\"eventType\":\"sent\"}",
            "{\"id\":3,\"eventType\":\"delivered\"}");
    HttpServer server = BareServers.start(0, new BareServers.PrebuiltStream(batch));
    try {
      URI uri =
          URI.create("http://127.0.0.1:" + BareServers.port(server) + "/bare/stream?count=10000");
      SseCount.Result r =
          SseCount.read(HttpClient.newHttpClient(), uri, Map.of(), Duration.ofSeconds(30));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.events()).isEqualTo(10_000);
      assertThat(r.completeCount()).isEqualTo(10_000);
      assertThat(r.completed()).isTrue();
      assertThat(r.eventsPerSecond()).isPositive();
    } finally {
      server.shutdownNow();
    }
  }

  @Test
  void the_java_load_client_counts_answers_and_refusals() throws Exception {
    HttpServer server = BareServers.start(0, new BareServers.FixedBody("{\"ok\":true}".getBytes()));
    try {
      String base = "http://127.0.0.1:" + BareServers.port(server);
      LoadGenerator java = new LoadGenerator.JavaClient();
      LoadGenerator.Result ok =
          java.run(
              URI.create(base + "/bare/logs"), Map.of("X-Test", "1"), 4, Duration.ofMillis(700));
      assertThat(ok.requests()).isPositive();
      assertThat(ok.non2xx()).isZero();
      assertThat(ok.errors()).isZero();
      LoadGenerator.Result missing =
          java.run(URI.create(base + "/nothing-here"), Map.of(), 2, Duration.ofMillis(300));
      assertThat(missing.non2xx()).isEqualTo(missing.requests()).isPositive();
    } finally {
      server.shutdownNow();
    }
  }
}
