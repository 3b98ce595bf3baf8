package io.emaillogs.adapter.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.application.SearchLogsUseCase.LogPage;
import io.emaillogs.domain.ClickEntry;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventDetails;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.OpenEntry;
import io.emaillogs.domain.Priority;
import io.emaillogs.domain.RecipientType;
import io.emaillogs.domain.Track;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonOutputTest {
  private static final Instant QUEUED = Instant.parse("2024-01-15T10:30:00Z");
  private static final Instant DELIVERED = Instant.parse("2024-01-15T10:30:02.250Z");
  private static final Instant OPENED = Instant.parse("2024-01-15T11:00:00Z");
  private static final Instant CLICKED = Instant.parse("2024-01-15T11:05:00.000000001Z");

  static EmailLog fullLog() {
    return new EmailLog(
        42,
        "01HMREF",
        7,
        67890,
        "News@Example.com",
        "Bob@Mail.Example.org",
        "mail.example.org",
        RecipientType.CC,
        "Hello \"Bob\"\n",
        LogStatus.CLICKED,
        Priority.HIGH,
        "spring-sale",
        List.of("promo", "b"),
        true,
        true,
        "mailbox full",
        QUEUED,
        DELIVERED,
        CLICKED,
        new Track(
            List.of(new OpenEntry(OPENED, "Mozilla/5.0", "10.0.0.1")),
            List.of(new ClickEntry(CLICKED, "https://example.com/x?a=1&b=2", null, null))),
        CLICKED,
        DELIVERED);
  }

  static EmailLog bareLog() {
    return new EmailLog(
        1,
        "r1",
        7,
        67890,
        "a@example.com",
        "b@example.org",
        "example.org",
        RecipientType.TO,
        "Hi",
        LogStatus.QUEUED,
        Priority.NORMAL,
        null,
        List.of(),
        false,
        false,
        null,
        QUEUED,
        null,
        QUEUED,
        Track.EMPTY,
        QUEUED,
        null);
  }

  @Test
  void a_log_has_every_field_of_the_spec_in_order_and_no_internal_field() {
    String json = text(JsonOutput.logPage(new LogPage(List.of(fullLog()), Optional.of("tok"))));

    assertThat(json)
        .isEqualTo(
            "{\"success\":true,\"emailLogs\":[{"
                + "\"refId\":\"01HMREF\",\"accountId\":7,\"tenantId\":67890,"
                + "\"fromAddress\":\"News@Example.com\",\"recipientAddress\":\"Bob@Mail.Example.org\","
                + "\"recipientDomain\":\"mail.example.org\",\"recipientType\":\"cc\","
                + "\"subject\":\"Hello \\\"Bob\\\"\\n\",\"status\":\"clicked\",\"priority\":\"high\","
                + "\"campaignId\":\"spring-sale\",\"tags\":[\"promo\",\"b\"],"
                + "\"opened\":true,\"clicked\":true,\"failedReason\":\"mailbox full\","
                + "\"createdAt\":\"2024-01-15T10:30:00Z\","
                + "\"deliveredDate\":\"2024-01-15T10:30:02.250Z\","
                + "\"updatedAt\":\"2024-01-15T11:05:00.000000001Z\","
                + "\"track\":{\"opens\":[{\"timestamp\":\"2024-01-15T11:00:00Z\","
                + "\"userAgent\":\"Mozilla/5.0\",\"ip\":\"10.0.0.1\"}],"
                + "\"clicks\":[{\"timestamp\":\"2024-01-15T11:05:00.000000001Z\","
                + "\"url\":\"https://example.com/x?a=1&b=2\",\"userAgent\":null,\"ip\":null}]}"
                + "}],\"nextPageToken\":\"tok\",\"totalCount\":1}");
    assertThat(json).doesNotContain("\"id\"", "statusAt", "failedReasonAt");
  }

  @Test
  void empty_fields_are_null_tags_and_track_lists_are_empty() {
    String json = text(JsonOutput.logPage(new LogPage(List.of(bareLog()), Optional.of("t"))));

    assertThat(json)
        .contains(
            "\"campaignId\":null,\"tags\":[],\"opened\":false,\"clicked\":false,"
                + "\"failedReason\":null,\"createdAt\":\"2024-01-15T10:30:00Z\","
                + "\"deliveredDate\":null,\"updatedAt\":\"2024-01-15T10:30:00Z\","
                + "\"track\":{\"opens\":[],\"clicks\":[]}}");
  }

  @Test
  void the_last_page_has_no_next_page_token() {
    assertThat(text(JsonOutput.logPage(new LogPage(List.of(), Optional.empty()))))
        .isEqualTo("{\"success\":true,\"emailLogs\":[],\"totalCount\":0}");
    assertThat(
            text(JsonOutput.logPage(new LogPage(List.of(bareLog(), fullLog()), Optional.empty()))))
        .doesNotContain("nextPageToken")
        .endsWith(",\"totalCount\":2}");
  }

  @Test
  void a_stream_event_holds_only_the_details_present() {
    LogEvent click =
        new LogEvent(
            17,
            "e-1",
            EventType.CLICKED,
            CLICKED,
            7,
            "r1",
            "Bob@Example.org",
            "News@Example.com",
            "example.com",
            "Hi",
            null,
            List.of("t1"),
            new EventDetails(null, "UA", null, "https://x.test/"));
    LogEvent sent =
        new LogEvent(
            18,
            "e-2",
            EventType.SENT,
            QUEUED,
            7,
            "r1",
            "bob@example.org",
            "news@example.com",
            "example.com",
            "Hi",
            "c-9",
            List.of(),
            EventDetails.NONE);

    String json = text(JsonOutput.write(g -> JsonOutput.writeEvents(g, List.of(click, sent))));

    assertThat(json)
        .isEqualTo(
            "[{\"id\":17,\"eventType\":\"clicked\",\"timestamp\":\"2024-01-15T11:05:00.000000001Z\","
                + "\"refId\":\"r1\",\"domain\":\"example.com\",\"sender\":\"News@Example.com\","
                + "\"recipient\":\"Bob@Example.org\",\"subject\":\"Hi\",\"campaignId\":null,"
                + "\"tags\":[\"t1\"],\"details\":{\"userAgent\":\"UA\",\"url\":\"https://x.test/\"}},"
                + "{\"id\":18,\"eventType\":\"sent\",\"timestamp\":\"2024-01-15T10:30:00Z\","
                + "\"refId\":\"r1\",\"domain\":\"example.com\",\"sender\":\"news@example.com\","
                + "\"recipient\":\"bob@example.org\",\"subject\":\"Hi\",\"campaignId\":\"c-9\","
                + "\"tags\":[],\"details\":{}}]");
  }

  @Test
  void a_deferral_shows_its_reason_and_temporary_fail_keeps_its_wire_name() {
    LogEvent deferred =
        new LogEvent(
            3,
            "e",
            EventType.TEMPORARY_FAIL,
            QUEUED,
            7,
            "r",
            "b@x.org",
            "a@example.com",
            "example.com",
            null,
            null,
            List.of(),
            new EventDetails("421 try later", null, "1.2.3.4", null));

    assertThat(text(JsonOutput.write(g -> JsonOutput.writeEvent(g, deferred))))
        .contains("\"eventType\":\"temporary_fail\"")
        .contains("\"subject\":null")
        .endsWith("\"details\":{\"reason\":\"421 try later\",\"ip\":\"1.2.3.4\"}}");
  }

  @Test
  void error_envelopes() {
    assertThat(text(JsonOutput.error("Domain \"x\" not found")))
        .isEqualTo("{\"error\":\"Domain \\\"x\\\" not found\"}");
    assertThat(text(JsonOutput.queryError("Invalid status: x")))
        .isEqualTo("{\"success\":false,\"error\":\"Invalid status: x\"}");
    assertThat(text(JsonOutput.tooManyRequests("Too many attempts. Please try again later.")))
        .isEqualTo(
            "{\"success\":false,\"message\":\"Too many attempts. Please try again later.\"}");
  }

  @Test
  void the_envelope_follows_the_path() {
    assertThat(Envelope.forPath("v1/email/logs")).isEqualTo(Envelope.QUERY);
    assertThat(Envelope.forPath("/v1/other")).isEqualTo(Envelope.QUERY);
    assertThat(Envelope.forPath("v10/x")).isEqualTo(Envelope.PLAIN);
    assertThat(Envelope.forPath("api/domains/x/log/stream")).isEqualTo(Envelope.PLAIN);
    assertThat(Envelope.forPath("admin/accounts")).isEqualTo(Envelope.PLAIN);
    assertThat(text((byte[]) Envelope.QUERY.error(400, "m").build().getEntity()))
        .isEqualTo("{\"success\":false,\"error\":\"m\"}");
  }

  @Test
  void the_admin_tree_is_admin_and_nothing_else() {
    assertThat(AdminGate.isAdminPath("admin")).isTrue();
    assertThat(AdminGate.isAdminPath("/admin/accounts/1/keys")).isTrue();
    assertThat(AdminGate.isAdminPath("admin/unknown")).isTrue();
    assertThat(AdminGate.isAdminPath("administrator")).isFalse();
    assertThat(AdminGate.isAdminPath("v1/admin")).isFalse();
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
