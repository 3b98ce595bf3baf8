package io.emaillogs.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import io.emaillogs.app.EmailLogsServer;
import io.emaillogs.app.LogFormat;
import io.emaillogs.app.ops.OpsClient.Customer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * The access line of each request, on the real server: its fields, and never a token, an address or
 * a value from the path; and {@code --log-format json} writes one JSON object per line.
 */
class AccessLogTest {
  static final String ADMIN = "access-log-admin-token";
  static final String RECIPIENT = "jane.doe@example.org";
  static final String REF = "ref-access-77";

  @Test
  void one_line_per_request_with_its_fields_and_no_secret() throws Exception {
    Logger access = (Logger) LoggerFactory.getLogger("io.emaillogs.access");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    access.addAppender(lines);
    try (EmailLogsServer server =
        EmailLogsServer.start(MetricsHttpTest.config("mem:", ADMIN), Clock.systemUTC())) {
      OpsClient client = new OpsClient(server.address(), ADMIN);
      Customer c = client.customer();
      assertThat(client.ingest(c, REF, RECIPIENT).status()).isEqualTo(202);
      assertThat(client.get("/v1/email/logs?email=" + RECIPIENT, c.token()).status())
          .isEqualTo(200);
      assertThat(client.get("/v1/email/logs/" + REF + "/events", c.token()).status())
          .isEqualTo(200);
      assertThat(client.get("/v1/email/logs", "el_not-a-real-token").status()).isEqualTo(401);
      String from =
          Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
      String to = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      assertThat(
              client
                  .get(
                      "/api/domains/example.com/log/stream?start=" + from + "&end=" + to, c.token())
                  .status())
          .isEqualTo(200);

      Map<String, Object> query =
          await(
              lines,
              kv -> "/v1/email/logs".equals(kv.get("route")) && "200".equals(s(kv, "status")));
      assertThat(query)
          .containsEntry("method", "GET")
          .containsEntry("accountId", Long.toString(c.accountId()))
          .containsKey("durationMs")
          .doesNotContainKey("streamEvents");
      Map<String, Object> timeline =
          await(lines, kv -> "/v1/email/logs/{refId}/events".equals(kv.get("route")));
      assertThat(s(timeline, "status")).isEqualTo("200");
      Map<String, Object> refused =
          await(
              lines,
              kv -> "/v1/email/logs".equals(kv.get("route")) && "401".equals(s(kv, "status")));
      assertThat(refused).containsEntry("accountId", "-");
      Map<String, Object> ingest = await(lines, kv -> "/admin/events".equals(kv.get("route")));
      assertThat(ingest).containsEntry("method", "POST").containsEntry("accountId", "-");
      Map<String, Object> stream =
          await(lines, kv -> "/api/domains/{domain}/log/stream".equals(kv.get("route")));
      assertThat(stream)
          .containsEntry("accountId", Long.toString(c.accountId()))
          .containsEntry("streamEvents", 2L);
      assertThat(s(stream, "status")).isEqualTo("200");

      for (ILoggingEvent line : List.copyOf(lines.list)) {
        String text = line.getFormattedMessage() + " " + pairs(line);
        assertThat(text)
            .doesNotContain(c.token())
            .doesNotContain(ADMIN)
            .doesNotContain("el_not-a-real-token")
            .doesNotContain(RECIPIENT)
            .doesNotContain("jane.doe")
            .doesNotContain(REF)
            .doesNotContain("example.com")
            .doesNotContain("Bearer");
      }
      ILoggingEvent first = lines.list.get(0);
      assertThat(first.getFormattedMessage())
          .matches("(GET|POST|DELETE) /\\S* \\d{3} \\d+ms account=(-|\\d+)( events=\\d+)?");
    } finally {
      access.detachAppender(lines);
    }
  }

  @Test
  void json_format_writes_one_json_object_per_line() throws Exception {
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      LogFormat.JSON.apply();
      try (EmailLogsServer server =
          EmailLogsServer.start(MetricsHttpTest.config("mem:", ADMIN), Clock.systemUTC())) {
        OpsClient client = new OpsClient(server.address(), ADMIN);
        Customer c = client.customer();
        assertThat(client.get("/v1/email/logs", c.token()).status()).isEqualTo(200);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!captured.toString(StandardCharsets.UTF_8).contains("\"route\":\"/v1/email/logs\"")
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      }
    } finally {
      LogFormat.TEXT.apply();
      System.setErr(stderr);
    }
    String[] written = captured.toString(StandardCharsets.UTF_8).split("\n");
    List<JsonNode> objects = new ArrayList<>();
    for (String line : written) {
      if (!line.isBlank()) {
        objects.add(OpsClient.JSON.readTree(line)); // each line alone is one JSON value
      }
    }
    assertThat(objects).isNotEmpty().allMatch(JsonNode::isObject);
    assertThat(objects)
        .anyMatch(o -> o.path("formattedMessage").asText().startsWith("limits: "))
        .anyMatch(o -> o.path("formattedMessage").asText().startsWith("listening on port "));
    JsonNode access =
        objects.stream()
            .filter(o -> o.path("loggerName").asText().equals("io.emaillogs.access"))
            .filter(o -> o.path("formattedMessage").asText().startsWith("GET /v1/email/logs "))
            .findFirst()
            .orElseThrow();
    System.out.println("json access line: " + access);
    assertThat(access.path("level").asText()).isEqualTo("INFO");
    Map<String, String> kv = new HashMap<>();
    access
        .path("kvpList")
        .forEach(p -> p.fields().forEachRemaining(e -> kv.put(e.getKey(), e.getValue().asText())));
    assertThat(kv)
        .containsEntry("method", "GET")
        .containsEntry("route", "/v1/email/logs")
        .containsEntry("status", "200")
        .containsKeys("durationMs", "accountId");
  }

  @Test
  void both_formats_load_their_configuration_without_a_warning() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    try {
      for (LogFormat format : LogFormat.values()) {
        context.getStatusManager().clear();
        format.apply();
        assertThat(context.getStatusManager().getCopyOfStatusList())
            .as(format.name())
            .allMatch(status -> status.getLevel() < Status.WARN);
        // the shared levels were included
        assertThat(context.getLogger("org.glassfish").getLevel()).isEqualTo(Level.WARN);
      }
    } finally {
      LogFormat.TEXT.apply();
    }
  }

  private static String s(Map<String, Object> kv, String key) {
    return String.valueOf(kv.get(key));
  }

  private static Map<String, Object> kv(ILoggingEvent event) {
    Map<String, Object> map = new HashMap<>();
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair pair : event.getKeyValuePairs()) {
        map.put(pair.key, pair.value);
      }
    }
    return map;
  }

  private static String pairs(ILoggingEvent event) {
    return kv(event).toString();
  }

  /** The fields of the first access line matching {@code which}, waiting for it up to 5 s. */
  private static Map<String, Object> await(
      ListAppender<ILoggingEvent> lines, Predicate<Map<String, Object>> which)
      throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (ILoggingEvent event : List.copyOf(lines.list)) {
        Map<String, Object> kv = kv(event);
        if (which.test(kv)) {
          return kv;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no such access line in " + lines.list);
  }
}
