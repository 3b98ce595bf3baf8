package io.emaillogs.adapter.jersey;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emaillogs.application.ProvisioningUseCase.CreateAccount;
import io.emaillogs.application.RecordEventsUseCase;
import io.emaillogs.domain.InvalidEventException;
import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.RawEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the JSON the operator API accepts. Strict: an unknown field or a value of the wrong JSON
 * type is refused with a message naming it; for an ingestion batch the message starts with {@code
 * event <index>: } like the use case's own. Bodies are parsed as they arrive, one event at a time.
 */
final class JsonInput {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Reads one value in the middle of a body (what follows it is not this value's business). */
  private static final ObjectReader ELEMENT_READER =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static final String NOT_AN_ARRAY = "body must be a JSON array of events";
  static final String NOT_AN_OBJECT = "body must be a JSON object";

  private static final Set<String> EVENT_FIELDS =
      Set.of(
          "eventId",
          "type",
          "accountId",
          "refId",
          "recipientAddress",
          "timestamp",
          "fromAddress",
          "subject",
          "recipientType",
          "priority",
          "campaignId",
          "tags",
          "reason",
          "userAgent",
          "ip",
          "url");

  private JsonInput() {}

  /**
   * The events of a JSON array body. Reading stops after {@link RecordEventsUseCase#MAX_BATCH} + 1
   * events: the use case refuses such a batch, and the rest need not be held.
   *
   * @throws InvalidRequestException the body is not an array ({@link #NOT_AN_ARRAY}), or {@code
   *     event <i>: ...} for an element that is malformed, not an object, or has a bad field
   */
  static List<RawEvent> eventsArray(InputStream body) {
    List<RawEvent> events = new ArrayList<>();
    try (JsonParser p = MAPPER.createParser(body)) {
      if (next(p, -1) != JsonToken.START_ARRAY) {
        throw new InvalidRequestException(NOT_AN_ARRAY);
      }
      while (events.size() <= RecordEventsUseCase.MAX_BATCH) {
        int index = events.size();
        JsonToken token = next(p, index);
        if (token == JsonToken.END_ARRAY) {
          if (next(p, -1) != null) {
            throw new InvalidRequestException(NOT_AN_ARRAY);
          }
          return events;
        }
        if (token == null) {
          throw new InvalidEventException(index, "malformed JSON: the array is not closed");
        }
        if (token != JsonToken.START_OBJECT) {
          throw new InvalidEventException(index, "must be a JSON object");
        }
        JsonNode node;
        try {
          node = ELEMENT_READER.readTree(p);
        } catch (JacksonException e) {
          throw new InvalidEventException(index, malformed(e));
        }
        events.add(event(index, (ObjectNode) node));
      }
      return events;
    } catch (JacksonException e) {
      throw new InvalidRequestException(NOT_AN_ARRAY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The events of an NDJSON body: one JSON object per line, blank lines skipped; the index of an
   * event counts the non-blank lines before it. Stops like {@link #eventsArray}.
   */
  static List<RawEvent> eventsNdjson(InputStream body) {
    List<RawEvent> events = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 64 * 1024)) {
      String line;
      while (events.size() <= RecordEventsUseCase.MAX_BATCH && (line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        int index = events.size();
        JsonNode node;
        try {
          node = MAPPER.readTree(line);
        } catch (JacksonException e) {
          throw new InvalidEventException(index, malformed(e));
        }
        if (!node.isObject()) {
          throw new InvalidEventException(index, "must be a JSON object");
        }
        events.add(event(index, (ObjectNode) node));
      }
      return events;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One event object as the use case takes it; JSON null counts as absent. */
  static RawEvent event(int index, ObjectNode node) {
    Fields f = new Fields(node, problem -> new InvalidEventException(index, problem));
    f.only(EVENT_FIELDS);
    return new RawEvent(
        f.text("eventId"),
        f.text("type"),
        f.integer("accountId"),
        f.text("refId"),
        f.text("recipientAddress"),
        f.text("timestamp"),
        f.text("fromAddress"),
        f.text("subject"),
        f.text("recipientType"),
        f.text("priority"),
        f.text("campaignId"),
        f.texts("tags"),
        f.text("reason"),
        f.text("userAgent"),
        f.text("ip"),
        f.text("url"));
  }

  /**
   * A single JSON object body; an empty body is an empty object when {@code optional}.
   *
   * @throws InvalidRequestException malformed JSON, or not an object ({@link #NOT_AN_OBJECT})
   */
  static ObjectNode object(InputStream body, boolean optional) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidRequestException(malformed(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if ((node == null || node.isMissingNode()) && optional) {
      return MAPPER.createObjectNode();
    }
    if (node == null || !node.isObject()) {
      throw new InvalidRequestException(NOT_AN_OBJECT);
    }
    return (ObjectNode) node;
  }

  /** {@code {"name":"Acme","tenantId":67890,"rateLimit":600}}, rateLimit optional. */
  static CreateAccount createAccount(ObjectNode node) {
    Fields f = new Fields(node, InvalidRequestException::new);
    f.only(Set.of("name", "tenantId", "rateLimit"));
    Long rateLimit = f.integer("rateLimit");
    if (rateLimit != null && (rateLimit < Integer.MIN_VALUE || rateLimit > Integer.MAX_VALUE)) {
      throw new InvalidRequestException("rateLimit must be an integer");
    }
    return new CreateAccount(
        f.text("name"), f.integer("tenantId"), rateLimit == null ? null : rateLimit.intValue());
  }

  /** {@code {"name":"ci"}}; the name may be absent. */
  static String keyName(ObjectNode node) {
    Fields f = new Fields(node, InvalidRequestException::new);
    f.only(Set.of("name"));
    return f.text("name");
  }

  /** {@code {"domain":"example.com","verified":true}}; verified defaults to false. */
  static DomainBody domain(ObjectNode node) {
    Fields f = new Fields(node, InvalidRequestException::new);
    f.only(Set.of("domain", "verified"));
    String domain = f.text("domain");
    if (domain == null) {
      throw new InvalidRequestException("domain is required");
    }
    Boolean verified = f.bool("verified");
    return new DomainBody(domain, verified != null && verified);
  }

  record DomainBody(String domain, boolean verified) {}

  private static JsonToken next(JsonParser p, int index) throws IOException {
    try {
      return p.nextToken();
    } catch (JacksonException e) {
      if (index < 0) {
        throw new InvalidRequestException(NOT_AN_ARRAY);
      }
      throw new InvalidEventException(index, malformed(e));
    }
  }

  /** Where the JSON broke, without echoing the parser's text. */
  private static String malformed(JacksonException e) {
    JsonLocation at = e.getLocation();
    if (at == null || at.getLineNr() < 1) {
      return "malformed JSON";
    }
    return "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  /** Typed, strict access to the fields of one object. */
  private static final class Fields {
    private final ObjectNode node;
    private final Function<String, InvalidRequestException> problem;

    Fields(ObjectNode node, Function<String, InvalidRequestException> problem) {
      this.node = node;
      this.problem = problem;
    }

    void only(Set<String> allowed) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (!allowed.contains(field.getKey())) {
          throw problem.apply("unknown field " + field.getKey());
        }
      }
    }

    String text(String name) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isTextual()) {
        throw problem.apply(name + " must be a string");
      }
      return value.textValue();
    }

    Long integer(String name) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isIntegralNumber() || !value.canConvertToLong()) {
        throw problem.apply(name + " must be an integer");
      }
      return value.longValue();
    }

    Boolean bool(String name) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isBoolean()) {
        throw problem.apply(name + " must be true or false");
      }
      return value.booleanValue();
    }

    List<String> texts(String name) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return null;
      }
      String message = name + " must be an array of strings";
      if (!value.isArray()) {
        throw problem.apply(message);
      }
      List<String> texts = new ArrayList<>(value.size());
      for (JsonNode item : value) {
        if (!item.isTextual()) {
          throw problem.apply(message);
        }
        texts.add(item.textValue());
      }
      return texts;
    }
  }
}
