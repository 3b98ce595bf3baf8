package io.emaillogs.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.domain.account.SendingDomain;
import io.emaillogs.domain.query.LogQuery;
import io.emaillogs.domain.stats.StatsQuery;
import io.emaillogs.domain.stream.StreamFilter;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 13: NUL characters and unpaired surrogates are refused, one rule for every store. */
class TextTest {
  static final List<String> BAD = List.of("a\0b", "\0", "a\uD800b", "\uDC00", "x\uD83D");
  private static final IngestEvent.TenantLookup TENANTS = id -> OptionalLong.of(100);

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "caf\u00e9", "\uD83D\uDE00 emoji", "\u00ff\ufffd"})
  void ordinary_text_and_surrogate_pairs_are_valid(String value) {
    assertThat(Text.isValid(value)).isTrue();
    assertThat(Text.check("subject", value)).isSameAs(value);
  }

  static Stream<String> bad() {
    return BAD.stream();
  }

  @ParameterizedTest
  @MethodSource("bad")
  void a_nul_or_a_lone_surrogate_is_refused_with_the_field_name(String value) {
    assertThat(Text.isValid(value)).isFalse();
    assertThatThrownBy(() -> Text.check("subject", value))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("subject must not contain NUL characters or unpaired surrogates");
  }

  @ParameterizedTest
  @MethodSource("bad")
  void every_query_parameter_value_is_checked(String value) {
    assertThatThrownBy(() -> LogQuery.parse(Map.of("email", List.of(value))))
        .hasMessage("email must not contain NUL characters or unpaired surrogates");
    assertThatThrownBy(() -> LogQuery.parse(Map.of("refId", List.of(value))))
        .hasMessage("refId must not contain NUL characters or unpaired surrogates");
    assertThatThrownBy(() -> StreamFilter.parse(Map.of("sender", List.of(value))))
        .hasMessage("sender must not contain NUL characters or unpaired surrogates");
    assertThatThrownBy(() -> StatsQuery.parse(Map.of("campaignId", List.of(value))))
        .hasMessage("campaignId must not contain NUL characters or unpaired surrogates");
    assertThatThrownBy(() -> LogQuery.parse(Map.of(value, List.of("x"))))
        .hasMessage("query parameter names must not contain NUL characters or unpaired surrogates");
  }

  @ParameterizedTest
  @MethodSource("bad")
  void a_domain_name_is_checked_before_its_shape(String value) {
    assertThatThrownBy(() -> SendingDomain.normalise("ex" + value + ".com"))
        .hasMessage("domain must not contain NUL characters or unpaired surrogates");
  }

  static Stream<Map.Entry<String, UnaryOperator<ARawEvent>>> fields() {
    String b = "\0";
    String s = "\uD800";
    return Stream.of(
        Map.entry("eventId", e -> e.eventId("e" + b)),
        Map.entry("recipientAddress", e -> e.recipientAddress("a" + s + "@x.org")),
        Map.entry("fromAddress", e -> e.fromAddress("a" + b + "@x.org")),
        Map.entry("subject", e -> e.subject("hi" + s)),
        Map.entry("subject", e -> e.subject("hi" + b)),
        Map.entry("campaignId", e -> e.campaignId(b)),
        Map.entry("tags", e -> e.tags(List.of("ok", "t" + s))));
  }

  @ParameterizedTest
  @MethodSource("fields")
  void an_ingested_queued_event_is_refused_naming_the_field(
      Map.Entry<String, UnaryOperator<ARawEvent>> field) {
    RawEvent raw = field.getValue().apply(ARawEvent.queued()).build();
    assertThatThrownBy(() -> IngestEvent.validate(3, raw, "gen", TENANTS))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage(
            "event 3: "
                + field.getKey()
                + " must not contain NUL characters or unpaired surrogates");
  }

  @ParameterizedTest
  @MethodSource("bad")
  void the_details_of_other_events_are_checked(String value) {
    for (String field : List.of("reason", "userAgent", "ip", "url")) {
      ARawEvent e = ARawEvent.of("bounced");
      e =
          switch (field) {
            case "reason" -> e.reason(value);
            case "userAgent" -> e.userAgent(value);
            case "ip" -> e.ip(value);
            default -> e.url(value);
          };
      RawEvent raw = e.build();
      assertThatThrownBy(() -> IngestEvent.validate(0, raw, "gen", TENANTS))
          .hasMessage(
              "event 0: " + field + " must not contain NUL characters or unpaired surrogates");
    }
  }
}
