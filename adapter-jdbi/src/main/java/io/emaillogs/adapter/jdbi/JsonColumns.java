package io.emaillogs.adapter.jdbi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.emaillogs.domain.ClickEntry;
import io.emaillogs.domain.OpenEntry;
import io.emaillogs.domain.Track;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON text of the {@code tags} and {@code track} columns, so a log and its lists come back in
 * one row. Tags: {@code ["a","b"]}. Track: {@code {"opens":[{"timestamp":"...","userAgent":"...",
 * "ip":"..."}],"clicks":[{"timestamp":"...","url":"...","userAgent":"...","ip":"..."}]}}, absent
 * members meaning null. Instants are ISO-8601 in UTC, exact.
 */
final class JsonColumns {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private JsonColumns() {}

  static String writeTags(List<String> tags) {
    if (tags.isEmpty()) {
      return "[]";
    }
    return write(
        g -> {
          g.writeStartArray();
          for (String tag : tags) {
            g.writeString(tag);
          }
          g.writeEndArray();
        });
  }

  static List<String> readTags(String json) {
    if ("[]".equals(json)) {
      return List.of();
    }
    try (JsonParser p = JSON.createParser(json)) {
      expect(p.nextToken(), JsonToken.START_ARRAY, json);
      List<String> tags = new ArrayList<>();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        expect(t, JsonToken.VALUE_STRING, json);
        tags.add(p.getText());
      }
      return tags;
    } catch (IOException e) {
      throw corrupt(json, e);
    }
  }

  static String writeTrack(Track track) {
    if (track.opens().isEmpty() && track.clicks().isEmpty()) {
      return "{}";
    }
    return write(
        g -> {
          g.writeStartObject();
          if (!track.opens().isEmpty()) {
            g.writeArrayFieldStart("opens");
            for (OpenEntry open : track.opens()) {
              g.writeStartObject();
              g.writeStringField("timestamp", open.timestamp().toString());
              optional(g, "userAgent", open.userAgent());
              optional(g, "ip", open.ip());
              g.writeEndObject();
            }
            g.writeEndArray();
          }
          if (!track.clicks().isEmpty()) {
            g.writeArrayFieldStart("clicks");
            for (ClickEntry click : track.clicks()) {
              g.writeStartObject();
              g.writeStringField("timestamp", click.timestamp().toString());
              optional(g, "url", click.url());
              optional(g, "userAgent", click.userAgent());
              optional(g, "ip", click.ip());
              g.writeEndObject();
            }
            g.writeEndArray();
          }
          g.writeEndObject();
        });
  }

  static Track readTrack(String json) {
    if ("{}".equals(json)) {
      return Track.EMPTY;
    }
    try (JsonParser p = JSON.createParser(json)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, json);
      List<OpenEntry> opens = new ArrayList<>();
      List<ClickEntry> clicks = new ArrayList<>();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        expect(t, JsonToken.FIELD_NAME, json);
        String list = p.currentName();
        if (!list.equals("opens") && !list.equals("clicks")) {
          throw corrupt(json, null);
        }
        expect(p.nextToken(), JsonToken.START_ARRAY, json);
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          Map<String, String> entry = readFlatObject(p, e, json);
          Instant at = Instant.parse(required(entry, "timestamp", json));
          if (list.equals("opens")) {
            opens.add(new OpenEntry(at, entry.get("userAgent"), entry.get("ip")));
          } else {
            clicks.add(
                new ClickEntry(at, entry.get("url"), entry.get("userAgent"), entry.get("ip")));
          }
        }
      }
      return new Track(opens, clicks);
    } catch (IOException | DateTimeParseException e) {
      throw corrupt(json, e);
    }
  }

  private static Map<String, String> readFlatObject(JsonParser p, JsonToken start, String json)
      throws IOException {
    expect(start, JsonToken.START_OBJECT, json);
    Map<String, String> fields = new HashMap<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      expect(t, JsonToken.FIELD_NAME, json);
      String name = p.currentName();
      expect(p.nextToken(), JsonToken.VALUE_STRING, json);
      fields.put(name, p.getText());
    }
    return fields;
  }

  private static String required(Map<String, String> entry, String name, String json) {
    String value = entry.get(name);
    if (value == null) {
      throw corrupt(json, null);
    }
    return value;
  }

  private static void optional(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void expect(JsonToken actual, JsonToken expected, String json) {
    if (actual != expected) {
      throw corrupt(json, null);
    }
  }

  private static IllegalStateException corrupt(String json, Exception cause) {
    String shown = json == null || json.length() <= 80 ? json : json.substring(0, 80) + "...";
    return new IllegalStateException("corrupt JSON column: " + shown, cause);
  }

  private static String write(Writing writing) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      writing.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  @FunctionalInterface
  private interface Writing {
    void write(JsonGenerator g) throws IOException;
  }
}
