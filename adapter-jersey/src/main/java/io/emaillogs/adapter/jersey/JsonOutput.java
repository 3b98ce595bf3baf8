package io.emaillogs.adapter.jersey;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.emaillogs.application.SearchLogsUseCase.LogPage;
import io.emaillogs.domain.ClickEntry;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventDetails;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.OpenEntry;
import io.emaillogs.domain.Timestamps;
import io.emaillogs.domain.Track;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes the API writes, field by field in the specification's order. Internal fields of
 * the domain (a log's id, statusAt, failedReasonAt) are never written.
 */
final class JsonOutput {
  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
          .build();

  private JsonOutput() {}

  /** {@code {"success":true,"emailLogs":[...],"nextPageToken":"...","totalCount":N}}. */
  static byte[] logPage(LogPage page) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeBooleanField("success", true);
          g.writeArrayFieldStart("emailLogs");
          for (EmailLog log : page.logs()) {
            writeLog(g, log);
          }
          g.writeEndArray();
          if (page.nextPageToken().isPresent()) {
            g.writeStringField("nextPageToken", page.nextPageToken().get());
          }
          g.writeNumberField("totalCount", page.logs().size());
          g.writeEndObject();
        });
  }

  /** One log with every field of SPEC section 2, {@code null} where empty. */
  static void writeLog(JsonGenerator g, EmailLog log) throws IOException {
    g.writeStartObject();
    g.writeStringField("refId", log.refId());
    g.writeNumberField("accountId", log.accountId());
    g.writeNumberField("tenantId", log.tenantId());
    g.writeStringField("fromAddress", log.fromAddress());
    g.writeStringField("recipientAddress", log.recipientAddress());
    g.writeStringField("recipientDomain", log.recipientDomain());
    g.writeStringField("recipientType", log.recipientType().wireName());
    g.writeStringField("subject", log.subject());
    g.writeStringField("status", log.status().wireName());
    g.writeStringField("priority", log.priority().wireName());
    g.writeStringField("campaignId", log.campaignId());
    writeTags(g, log.tags());
    g.writeBooleanField("opened", log.opened());
    g.writeBooleanField("clicked", log.clicked());
    g.writeStringField("failedReason", log.failedReason());
    writeTime(g, "createdAt", log.createdAt());
    writeTime(g, "deliveredDate", log.deliveredDate());
    writeTime(g, "updatedAt", log.updatedAt());
    g.writeFieldName("track");
    writeTrack(g, log.track());
    g.writeEndObject();
  }

  /** {@code {"opens":[{timestamp,userAgent,ip}],"clicks":[{timestamp,url,userAgent,ip}]}}. */
  static void writeTrack(JsonGenerator g, Track track) throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("opens");
    for (OpenEntry open : track.opens()) {
      g.writeStartObject();
      writeTime(g, "timestamp", open.timestamp());
      g.writeStringField("userAgent", open.userAgent());
      g.writeStringField("ip", open.ip());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("clicks");
    for (ClickEntry click : track.clicks()) {
      g.writeStartObject();
      writeTime(g, "timestamp", click.timestamp());
      g.writeStringField("url", click.url());
      g.writeStringField("userAgent", click.userAgent());
      g.writeStringField("ip", click.ip());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /**
   * One stream event: {@code {"id":<sequence>,"eventType":...,"timestamp":...,"refId":...,
   * "domain":...,"sender":...,"recipient":...,"subject":...,"campaignId":...,"tags":[...],
   * "details":{...}}}; details holds only the details present.
   */
  static void writeEvent(JsonGenerator g, LogEvent event) throws IOException {
    g.writeStartObject();
    g.writeNumberField("id", event.sequence());
    g.writeStringField("eventType", event.type().wireName());
    writeTime(g, "timestamp", event.timestamp());
    g.writeStringField("refId", event.refId());
    g.writeStringField("domain", event.senderDomain());
    g.writeStringField("sender", event.fromAddress());
    g.writeStringField("recipient", event.recipientAddress());
    g.writeStringField("subject", event.subject());
    g.writeStringField("campaignId", event.campaignId());
    writeTags(g, event.tags());
    g.writeObjectFieldStart("details");
    EventDetails d = event.details();
    writeIfPresent(g, "reason", d.reason());
    writeIfPresent(g, "userAgent", d.userAgent());
    writeIfPresent(g, "ip", d.ip());
    writeIfPresent(g, "url", d.url());
    g.writeEndObject();
    g.writeEndObject();
  }

  /** {@code [event, ...]}: the data of one {@code logs} frame. */
  static void writeEvents(JsonGenerator g, List<LogEvent> events) throws IOException {
    g.writeStartArray();
    for (LogEvent event : events) {
      writeEvent(g, event);
    }
    g.writeEndArray();
  }

  /** {@code {"error":"<message>"}}: stream, operator API and everything outside the query API. */
  static byte[] error(String message) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("error", message);
          g.writeEndObject();
        });
  }

  /** {@code {"success":false,"error":"<message>"}}: errors of the query API. */
  static byte[] queryError(String message) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeBooleanField("success", false);
          g.writeStringField("error", message);
          g.writeEndObject();
        });
  }

  /** {@code {"success":false,"message":"<message>"}}: the 429 of SPEC section 6. */
  static byte[] tooManyRequests(String message) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeBooleanField("success", false);
          g.writeStringField("message", message);
          g.writeEndObject();
        });
  }

  /** Writes one JSON value into a byte array. */
  static byte[] write(Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
      body.writeTo(g);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /** Writes one JSON value onto {@code out} without closing or flushing it. */
  static void write(OutputStream out, Body body) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.writeTo(g);
    }
  }

  static void writeTags(JsonGenerator g, List<String> tags) throws IOException {
    g.writeArrayFieldStart("tags");
    for (String tag : tags) {
      g.writeString(tag);
    }
    g.writeEndArray();
  }

  static void writeTime(JsonGenerator g, String name, Instant value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, Timestamps.format(value));
    }
  }

  static void writeIfPresent(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  /** Something that writes one JSON value. */
  @FunctionalInterface
  interface Body {
    void writeTo(JsonGenerator g) throws IOException;
  }
}
