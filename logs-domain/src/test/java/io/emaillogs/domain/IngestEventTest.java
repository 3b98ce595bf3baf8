package io.emaillogs.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IngestEventTest {
  /** Account 1 belongs to tenant 100, account 2 to tenant 200; no other account exists. */
  private static final IngestEvent.TenantLookup TENANTS =
      id -> id == 1 ? OptionalLong.of(100) : id == 2 ? OptionalLong.of(200) : OptionalLong.empty();

  private static IngestEvent valid(ARawEvent raw) {
    return IngestEvent.validate(0, raw.build(), "gen-1", TENANTS);
  }

  private static InvalidEventException invalid(int index, ARawEvent raw) {
    return catchThrowableOfType(
        InvalidEventException.class,
        () -> IngestEvent.validate(index, raw.build(), "gen-1", TENANTS));
  }

  @Test
  void a_minimal_queued_event_gets_the_defaults() {
    IngestEvent e = valid(ARawEvent.queued());

    assertThat(e.type()).isEqualTo(EventType.QUEUED);
    assertThat(e.eventId()).isEqualTo("gen-1");
    assertThat(e.accountId()).isEqualTo(1);
    assertThat(e.tenantId()).isEqualTo(100);
    assertThat(e.refId()).isEqualTo("ref-1");
    assertThat(e.recipientAddress()).isEqualTo("bob@example.com");
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-01-15T10:00:00Z"));
    assertThat(e.fromAddress()).isEqualTo("news@acme.com");
    assertThat(e.subject()).isEqualTo("Hello");
    assertThat(e.recipientType()).isEqualTo(RecipientType.TO);
    assertThat(e.priority()).isEqualTo(Priority.NORMAL);
    assertThat(e.campaignId()).isNull();
    assertThat(e.tags()).isEmpty();
    assertThat(e.details()).isEqualTo(EventDetails.NONE);
  }

  @Test
  void a_full_queued_event_keeps_every_field() {
    IngestEvent e =
        valid(
            ARawEvent.queued()
                .eventId("evt-9")
                .accountId(2L)
                .refId("01HQ_x-Y")
                .recipientAddress("Ann@Example.org")
                .timestamp("2024-01-15T12:00:00+02:00")
                .fromAddress("Sales@Acme.com")
                .subject("")
                .recipientType("bcc")
                .priority("high")
                .campaignId("camp")
                .tags(List.of("a", "b")));

    assertThat(e.eventId()).isEqualTo("evt-9");
    assertThat(e.tenantId()).isEqualTo(200);
    assertThat(e.refId()).isEqualTo("01HQ_x-Y");
    assertThat(e.recipientAddress()).isEqualTo("Ann@Example.org");
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-01-15T10:00:00Z"));
    assertThat(e.fromAddress()).isEqualTo("Sales@Acme.com");
    assertThat(e.subject()).isEmpty();
    assertThat(e.recipientType()).isEqualTo(RecipientType.BCC);
    assertThat(e.priority()).isEqualTo(Priority.HIGH);
    assertThat(e.campaignId()).isEqualTo("camp");
    assertThat(e.tags()).containsExactly("a", "b");
    assertThat(e.logKey()).isEqualTo(LogKey.of(2, "01HQ_x-Y", "ann@example.org"));
  }

  @Test
  void other_events_carry_details_and_no_creation_fields() {
    IngestEvent e =
        valid(
            ARawEvent.of("clicked")
                .fromAddress("ignored@acme.com")
                .subject("ignored")
                .userAgent("UA")
                .ip("10.1.1.1")
                .url("https://acme.com/p")
                .reason("r"));

    assertThat(e.type()).isEqualTo(EventType.CLICKED);
    assertThat(e.details())
        .isEqualTo(new EventDetails("r", "UA", "10.1.1.1", "https://acme.com/p"));
    assertThat(e.fromAddress()).isNull();
    assertThat(e.subject()).isNull();
    assertThat(e.recipientType()).isNull();
    assertThat(e.priority()).isNull();
    assertThat(e.tags()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sent",
        "delivered",
        "deferred",
        "temporary_fail",
        "permanent_fail",
        "bounced",
        "failed",
        "opened",
        "clicked",
        "spam",
        "unsubscribed"
      })
  void non_queued_events_need_neither_from_address_nor_subject(String type) {
    assertThat(valid(ARawEvent.of(type)).type().wireName()).isEqualTo(type);
  }

  @Test
  void the_generated_id_is_used_only_when_the_event_has_none() {
    assertThat(valid(ARawEvent.of("sent")).eventId()).isEqualTo("gen-1");
    assertThat(valid(ARawEvent.of("sent").eventId("mine")).eventId()).isEqualTo("mine");
  }

  static Stream<Arguments> invalidEvents() {
    String longText = "x".repeat(999);
    return Stream.of(
        Arguments.of(ARawEvent.queued().eventId(""), "eventId must be 1-128 characters"),
        Arguments.of(ARawEvent.queued().eventId("   "), "eventId must be 1-128 characters"),
        Arguments.of(
            ARawEvent.queued().eventId("e".repeat(129)), "eventId must be 1-128 characters"),
        Arguments.of(ARawEvent.queued().type(null), "type is required"),
        Arguments.of(ARawEvent.queued().type("x"), "Invalid type: x"),
        Arguments.of(ARawEvent.queued().type("QUEUED"), "Invalid type: QUEUED"),
        Arguments.of(ARawEvent.queued().accountId(null), "accountId is required"),
        Arguments.of(ARawEvent.queued().accountId(99L), "unknown accountId: 99"),
        Arguments.of(ARawEvent.of("sent").accountId(3L), "unknown accountId: 3"),
        Arguments.of(
            ARawEvent.queued().refId(null), "refId must be 1-64 characters of [A-Za-z0-9_-]"),
        Arguments.of(
            ARawEvent.queued().refId(""), "refId must be 1-64 characters of [A-Za-z0-9_-]"),
        Arguments.of(
            ARawEvent.queued().refId("r".repeat(65)),
            "refId must be 1-64 characters of [A-Za-z0-9_-]"),
        Arguments.of(
            ARawEvent.queued().refId("has space"),
            "refId must be 1-64 characters of [A-Za-z0-9_-]"),
        Arguments.of(
            ARawEvent.queued().refId("a/b"), "refId must be 1-64 characters of [A-Za-z0-9_-]"),
        Arguments.of(ARawEvent.queued().recipientAddress(null), "recipientAddress is required"),
        Arguments.of(
            ARawEvent.queued().recipientAddress("bob"),
            "recipientAddress must be an email address"),
        Arguments.of(
            ARawEvent.queued().recipientAddress("@example.com"),
            "recipientAddress must be an email address"),
        Arguments.of(
            ARawEvent.queued().recipientAddress("bob@"),
            "recipientAddress must be an email address"),
        Arguments.of(
            ARawEvent.queued().recipientAddress("bo b@example.com"),
            "recipientAddress must be an email address"),
        Arguments.of(ARawEvent.queued().timestamp(null), "timestamp is required"),
        Arguments.of(
            ARawEvent.queued().timestamp("2024-01-15T10:00:00"),
            "Wrong date format: timestamp must be RFC3339"),
        Arguments.of(
            ARawEvent.queued().timestamp("2024-01-15"),
            "Wrong date format: timestamp must be RFC3339"),
        Arguments.of(
            ARawEvent.queued().fromAddress(null), "fromAddress is required for a queued event"),
        Arguments.of(
            ARawEvent.queued().fromAddress("acme.com"), "fromAddress must be an email address"),
        Arguments.of(ARawEvent.queued().subject(null), "subject is required for a queued event"),
        Arguments.of(
            ARawEvent.queued().subject(longText), "subject must be at most 998 characters"),
        Arguments.of(ARawEvent.queued().recipientType("x"), "Invalid recipientType: x"),
        Arguments.of(ARawEvent.queued().recipientType("TO"), "Invalid recipientType: TO"),
        Arguments.of(ARawEvent.queued().priority("urgent"), "Invalid priority: urgent"),
        Arguments.of(
            ARawEvent.queued().campaignId(longText), "campaignId must be at most 998 characters"),
        Arguments.of(
            ARawEvent.queued().tags(Arrays.asList("a", null)), "tags must be non-empty strings"),
        Arguments.of(ARawEvent.queued().tags(List.of("a", "")), "tags must be non-empty strings"),
        Arguments.of(
            ARawEvent.queued().tags(List.of(longText)), "tags must be at most 998 characters"),
        Arguments.of(
            ARawEvent.of("bounced").reason(longText), "reason must be at most 998 characters"),
        Arguments.of(
            ARawEvent.of("opened").userAgent(longText), "userAgent must be at most 998 characters"),
        Arguments.of(ARawEvent.of("opened").ip(longText), "ip must be at most 998 characters"),
        Arguments.of(ARawEvent.of("clicked").url(longText), "url must be at most 998 characters"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidEvents")
  void each_invalid_field_names_the_event_index_and_the_problem(ARawEvent raw, String problem) {
    InvalidEventException e = invalid(7, raw);
    assertThat(e).as("expected a refusal: %s", problem).isNotNull();
    assertThat(e.getMessage()).isEqualTo("event 7: " + problem);
    assertThat(e.index()).isEqualTo(7);
  }

  @Test
  void the_index_is_the_one_given() {
    assertThat(invalid(0, ARawEvent.queued().type("x")).getMessage())
        .isEqualTo("event 0: Invalid type: x");
    assertThat(invalid(9999, ARawEvent.queued().type("x")).getMessage())
        .isEqualTo("event 9999: Invalid type: x");
  }

  @Test
  void limits_are_inclusive() {
    assertThat(valid(ARawEvent.queued().eventId("e".repeat(128))).eventId()).hasSize(128);
    assertThat(valid(ARawEvent.queued().refId("r".repeat(64))).refId()).hasSize(64);
    assertThat(valid(ARawEvent.queued().subject("s".repeat(998))).subject()).hasSize(998);
  }

  @Test
  void an_address_with_several_at_signs_uses_the_last_for_the_domain() {
    IngestEvent e = valid(ARawEvent.queued().recipientAddress("\"a@b\"@Example.com"));
    assertThat(EmailLog.create(e).recipientDomain()).isEqualTo("example.com");
  }
}
