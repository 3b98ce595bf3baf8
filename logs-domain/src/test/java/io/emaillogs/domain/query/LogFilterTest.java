package io.emaillogs.domain.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.domain.AnEvent;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.RecipientType;
import org.junit.jupiter.api.Test;

class LogFilterTest {
  private static final EmailLog LOG =
      AnEvent.queued()
          .ref("Ref-1")
          .to("Bob@Example.COM")
          .from("News@Acme.com")
          .subject("Hello World")
          .campaign("Camp")
          .recipientType(RecipientType.CC)
          .log(1)
          .apply(
              AnEvent.of(EventType.BOUNCED)
                  .ref("Ref-1")
                  .to("bob@example.com")
                  .reason("Mailbox Full")
                  .atSecond(1)
                  .build());

  private static LogFilter filter(
      String email,
      String domain,
      String refId,
      LogStatus status,
      String from,
      String subject,
      String campaign,
      RecipientType type,
      String reason) {
    return new LogFilter(email, domain, refId, status, from, subject, campaign, type, reason);
  }

  @Test
  void no_filter_matches_everything() {
    assertThat(LogFilter.NONE.matches(LOG)).isTrue();
  }

  @Test
  void addresses_and_domains_match_case_insensitively() {
    assertThat(
            filter("bob@example.com", null, null, null, null, null, null, null, null).matches(LOG))
        .isTrue();
    assertThat(
            filter("BOB@EXAMPLE.COM", null, null, null, null, null, null, null, null).matches(LOG))
        .isTrue();
    assertThat(filter(null, "EXAMPLE.com", null, null, null, null, null, null, null).matches(LOG))
        .isTrue();
    assertThat(filter(null, null, null, null, "news@ACME.com", null, null, null, null).matches(LOG))
        .isTrue();
    assertThat(
            filter("bob@example.org", null, null, null, null, null, null, null, null).matches(LOG))
        .isFalse();
    assertThat(filter("bob", null, null, null, null, null, null, null, null).matches(LOG))
        .as("exact, not partial")
        .isFalse();
    assertThat(filter(null, "example", null, null, null, null, null, null, null).matches(LOG))
        .isFalse();
  }

  @Test
  void other_text_filters_are_exact_and_case_sensitive() {
    assertThat(filter(null, null, "Ref-1", null, null, null, null, null, null).matches(LOG))
        .isTrue();
    assertThat(filter(null, null, "ref-1", null, null, null, null, null, null).matches(LOG))
        .isFalse();
    assertThat(filter(null, null, null, null, null, "Hello World", null, null, null).matches(LOG))
        .isTrue();
    assertThat(filter(null, null, null, null, null, "hello world", null, null, null).matches(LOG))
        .isFalse();
    assertThat(filter(null, null, null, null, null, "Hello", null, null, null).matches(LOG))
        .isFalse();
    assertThat(filter(null, null, null, null, null, null, "Camp", null, null).matches(LOG))
        .isTrue();
    assertThat(filter(null, null, null, null, null, null, "camp", null, null).matches(LOG))
        .isFalse();
    assertThat(filter(null, null, null, null, null, null, null, null, "Mailbox Full").matches(LOG))
        .isTrue();
    assertThat(filter(null, null, null, null, null, null, null, null, "mailbox full").matches(LOG))
        .isFalse();
  }

  @Test
  void status_and_recipient_type_match_exactly() {
    assertThat(
            filter(null, null, null, LogStatus.BOUNCED, null, null, null, null, null).matches(LOG))
        .isTrue();
    assertThat(
            filter(null, null, null, LogStatus.DELIVERED, null, null, null, null, null)
                .matches(LOG))
        .isFalse();
    assertThat(
            filter(null, null, null, null, null, null, null, RecipientType.CC, null).matches(LOG))
        .isTrue();
    assertThat(
            filter(null, null, null, null, null, null, null, RecipientType.TO, null).matches(LOG))
        .isFalse();
  }

  @Test
  void a_filter_on_a_missing_value_matches_nothing() {
    EmailLog plain = AnEvent.queued().log(2);
    assertThat(filter(null, null, null, null, null, null, "Camp", null, null).matches(plain))
        .isFalse();
    assertThat(filter(null, null, null, null, null, null, null, null, "x").matches(plain))
        .isFalse();
  }

  @Test
  void every_given_filter_must_match() {
    assertThat(
            filter(
                    "bob@example.com",
                    "example.com",
                    "Ref-1",
                    LogStatus.BOUNCED,
                    "news@acme.com",
                    "Hello World",
                    "Camp",
                    RecipientType.CC,
                    "Mailbox Full")
                .matches(LOG))
        .isTrue();
    assertThat(
            filter(
                    "bob@example.com",
                    "example.com",
                    "Ref-1",
                    LogStatus.BOUNCED,
                    "news@acme.com",
                    "Hello World",
                    "Camp",
                    RecipientType.TO,
                    "Mailbox Full")
                .matches(LOG))
        .isFalse();
  }
}
