package io.emaillogs.adapter.jersey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.application.ProvisioningUseCase.CreateAccount;
import io.emaillogs.application.RecordEventsUseCase;
import io.emaillogs.domain.InvalidEventException;
import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.RawEvent;
import jakarta.ws.rs.WebApplicationException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JsonInputTest {
  static final String QUEUED =
      "{\"eventId\":\"e1\",\"type\":\"queued\",\"accountId\":12345,\"refId\":\"r-1\","
          + "\"recipientAddress\":\"bob@example.org\",\"timestamp\":\"2024-01-15T10:30:00+02:00\","
          + "\"fromAddress\":\"news@example.com\",\"subject\":\"Hi\",\"recipientType\":\"cc\","
          + "\"priority\":\"high\",\"campaignId\":\"c1\",\"tags\":[\"a\",\"b\"]}";
  static final String CLICKED =
      "{\"type\":\"clicked\",\"accountId\":12345,\"refId\":\"r-1\","
          + "\"recipientAddress\":\"bob@example.org\",\"timestamp\":\"2024-01-15T11:00:00Z\","
          + "\"reason\":null,\"userAgent\":\"UA\",\"ip\":\"10.0.0.1\",\"url\":\"https://x.test/\"}";

  static InputStream body(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void every_field_of_an_event_is_mapped() {
    List<RawEvent> events = JsonInput.eventsArray(body("[" + QUEUED + "," + CLICKED + "]"));

    assertThat(events)
        .containsExactly(
            new RawEvent(
                "e1",
                "queued",
                12345L,
                "r-1",
                "bob@example.org",
                "2024-01-15T10:30:00+02:00",
                "news@example.com",
                "Hi",
                "cc",
                "high",
                "c1",
                List.of("a", "b"),
                null,
                null,
                null,
                null),
            new RawEvent(
                null,
                "clicked",
                12345L,
                "r-1",
                "bob@example.org",
                "2024-01-15T11:00:00Z",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "UA",
                "10.0.0.1",
                "https://x.test/"));
  }

  @Test
  void ndjson_reads_one_event_per_line_and_skips_blank_lines() {
    List<RawEvent> events = JsonInput.eventsNdjson(body(QUEUED + "\r\n\n  \n" + CLICKED + "\n"));

    assertThat(events).extracting(RawEvent::type).containsExactly("queued", "clicked");
    assertThat(JsonInput.eventsNdjson(body(""))).isEmpty();
  }

  @Test
  void an_unknown_field_is_refused_with_the_index_of_its_event() {
    assertEventError(
        "[" + QUEUED + ",{\"type\":\"sent\",\"color\":\"red\"}]", 1, "unknown field color");
  }

  @Test
  void a_field_of_the_wrong_type_is_refused_with_the_index_of_its_event() {
    assertEventError("[{\"accountId\":\"12345\"}]", 0, "accountId must be an integer");
    assertEventError("[{\"accountId\":1.5}]", 0, "accountId must be an integer");
    assertEventError(
        "[{\"accountId\":123456789012345678901234}]", 0, "accountId must be an integer");
    assertEventError("[" + QUEUED + ",{\"type\":7}]", 1, "type must be a string");
    assertEventError("[{\"timestamp\":{}}]", 0, "timestamp must be a string");
    assertEventError("[{\"tags\":\"a\"}]", 0, "tags must be an array of strings");
    assertEventError("[{\"tags\":[\"a\",3]}]", 0, "tags must be an array of strings");
    assertEventError("[{\"tags\":[null]}]", 0, "tags must be an array of strings");
  }

  @Test
  void an_element_that_is_not_an_object_is_refused() {
    assertEventError("[" + QUEUED + "," + QUEUED + ",42]", 2, "must be a JSON object");
    assertEventError("[[]]", 0, "must be a JSON object");
    assertEventError("[null]", 0, "must be a JSON object");
  }

  @Test
  void a_malformed_element_is_refused_with_its_index_and_where_it_broke() {
    assertThatThrownBy(() -> JsonInput.eventsArray(body("[" + QUEUED + ",\n{\"type\" \"sent\"}]")))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("event 1: malformed JSON at line 2, column 9");
    assertThatThrownBy(() -> JsonInput.eventsArray(body("[{\"type\":\"a\",\"type\":\"b\"}]")))
        .hasMessageStartingWith("event 0: malformed JSON at line 1");
    assertThatThrownBy(() -> JsonInput.eventsArray(body("[" + QUEUED + ",")))
        .hasMessageStartingWith("event 1: malformed JSON at line 1");
    assertThatThrownBy(() -> JsonInput.eventsArray(body("[" + QUEUED + " x")))
        .hasMessageStartingWith("event 1: malformed JSON at line 1");
  }

  @Test
  void a_malformed_ndjson_line_is_refused_with_its_event_index() {
    String text = QUEUED + "\n\n" + CLICKED + "\n{\"type\":\n" + CLICKED;
    assertThatThrownBy(() -> JsonInput.eventsNdjson(body(text)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("event 2: malformed JSON");
    assertThatThrownBy(() -> JsonInput.eventsNdjson(body(QUEUED + "\n[1]\n")))
        .hasMessage("event 1: must be a JSON object");
    assertThatThrownBy(() -> JsonInput.eventsNdjson(body(QUEUED + " " + QUEUED)))
        .hasMessageStartingWith("event 0: malformed JSON");
    assertThatThrownBy(() -> JsonInput.eventsNdjson(body("{\"tags\":5}")))
        .hasMessage("event 0: tags must be an array of strings");
  }

  @Test
  void a_body_that_is_not_an_array_is_refused_without_an_index() {
    for (String text :
        List.of("", "   ", "{}", "{\"type\":\"queued\"}", "\"x\"", "nope", "[] []", "[]x")) {
      assertThatThrownBy(() -> JsonInput.eventsArray(body(text)))
          .as(text)
          .isExactlyInstanceOf(InvalidRequestException.class)
          .hasMessage(JsonInput.NOT_AN_ARRAY);
    }
    assertThat(JsonInput.eventsArray(body(" [ ] "))).isEmpty();
  }

  @Test
  void reading_stops_one_event_past_the_largest_batch() {
    int max = RecordEventsUseCase.MAX_BATCH;
    String many =
        IntStream.range(0, max + 500)
            .mapToObj(i -> "{\"type\":\"sent\"}")
            .collect(Collectors.joining(",", "[", "]"));
    assertThat(JsonInput.eventsArray(body(many))).hasSize(max + 1);

    String lines =
        IntStream.range(0, max + 500)
            .mapToObj(i -> "{\"type\":\"sent\"}")
            .collect(Collectors.joining("\n"));
    assertThat(JsonInput.eventsNdjson(body(lines))).hasSize(max + 1);
  }

  @Test
  void account_body() {
    assertThat(
            JsonInput.createAccount(
                JsonInput.object(body("{\"name\":\"Acme\",\"tenantId\":67890}"), false)))
        .isEqualTo(new CreateAccount("Acme", 67890L, null));
    assertThat(
            JsonInput.createAccount(
                JsonInput.object(
                    body("{\"name\":\"Acme\",\"tenantId\":1,\"rateLimit\":600}"), false)))
        .isEqualTo(new CreateAccount("Acme", 1L, 600));
    assertThat(JsonInput.createAccount(JsonInput.object(body("{}"), false)))
        .isEqualTo(new CreateAccount(null, null, null));
    assertThatThrownBy(
            () ->
                JsonInput.createAccount(JsonInput.object(body("{\"tenantId\":\"67890\"}"), false)))
        .hasMessage("tenantId must be an integer");
    assertThatThrownBy(
            () ->
                JsonInput.createAccount(
                    JsonInput.object(body("{\"rateLimit\":99999999999}"), false)))
        .hasMessage("rateLimit must be an integer");
    assertThatThrownBy(
            () ->
                JsonInput.createAccount(JsonInput.object(body("{\"name\":\"a\",\"x\":1}"), false)))
        .hasMessage("unknown field x");
  }

  @Test
  void object_bodies_must_be_objects() {
    assertThatThrownBy(() -> JsonInput.object(body(""), false)).hasMessage(JsonInput.NOT_AN_OBJECT);
    assertThatThrownBy(() -> JsonInput.object(body("[]"), true))
        .hasMessage(JsonInput.NOT_AN_OBJECT);
    assertThatThrownBy(() -> JsonInput.object(body("{\"name\":"), false))
        .isExactlyInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("malformed JSON at line 1");
    assertThatThrownBy(() -> JsonInput.object(body("{} {}"), false))
        .hasMessageStartingWith("malformed JSON");
    assertThat(JsonInput.object(body(""), true).isEmpty()).isTrue();
  }

  @Test
  void key_and_domain_bodies() {
    assertThat(JsonInput.keyName(JsonInput.object(body("{\"name\":\"ci\"}"), true)))
        .isEqualTo("ci");
    assertThat(JsonInput.keyName(JsonInput.object(body(""), true))).isNull();
    assertThatThrownBy(() -> JsonInput.keyName(JsonInput.object(body("{\"name\":1}"), true)))
        .hasMessage("name must be a string");

    assertThat(
            JsonInput.domain(
                JsonInput.object(body("{\"domain\":\"example.com\",\"verified\":true}"), false)))
        .isEqualTo(new JsonInput.DomainBody("example.com", true));
    assertThat(JsonInput.domain(JsonInput.object(body("{\"domain\":\"example.com\"}"), false)))
        .isEqualTo(new JsonInput.DomainBody("example.com", false));
    assertThatThrownBy(() -> JsonInput.domain(JsonInput.object(body("{\"verified\":true}"), false)))
        .hasMessage("domain is required");
    assertThatThrownBy(
            () ->
                JsonInput.domain(
                    JsonInput.object(body("{\"domain\":\"a.b\",\"verified\":\"yes\"}"), false)))
        .hasMessage("verified must be true or false");
  }

  @Test
  void a_body_past_the_limit_is_a_413() {
    InputStream endless =
        new SequenceInputStream(
            Collections.enumeration(
                List.of(body("["), body(" ".repeat(2000)), body("{\"type\":\"sent\"}]"))));
    assertThatThrownBy(() -> JsonInput.eventsArray(BodyLimit.of(endless, 1000)))
        .isInstanceOf(WebApplicationException.class)
        .satisfies(
            e ->
                assertThat(((WebApplicationException) e).getResponse().getStatus()).isEqualTo(413));
    assertThat(JsonInput.eventsArray(BodyLimit.of(body("[{\"type\":\"sent\"}]"), 100))).hasSize(1);
  }

  private static void assertEventError(String json, int index, String problem) {
    assertThatThrownBy(() -> JsonInput.eventsArray(body(json)))
        .as(json)
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("event " + index + ": " + problem)
        .satisfies(e -> assertThat(((InvalidEventException) e).index()).isEqualTo(index));
  }
}
