package io.emaillogs.adapter.jersey;

import com.fasterxml.jackson.core.JsonGenerator;
import io.emaillogs.application.ExportLogsUseCase.LogSink;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.Timestamps;
import io.emaillogs.domain.query.ExportFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Writes exported logs, one per line: NDJSON (the log shape of SPEC section 2) or RFC 4180 CSV
 * (header row, CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF, quotes
 * doubled; null as an empty field; tags and track as JSON text). Buffers a little and leaves the
 * flushing to the caller's stream.
 */
abstract class ExportWriter implements LogSink, AutoCloseable {
  /** The CSV columns, in the order of SPEC section 2. */
  static final List<String> CSV_COLUMNS =
      List.of(
          "refId",
          "accountId",
          "tenantId",
          "fromAddress",
          "recipientAddress",
          "recipientDomain",
          "recipientType",
          "subject",
          "status",
          "priority",
          "campaignId",
          "tags",
          "opened",
          "clicked",
          "failedReason",
          "createdAt",
          "deliveredDate",
          "updatedAt",
          "track");

  static String mediaType(ExportFormat format) {
    return format == ExportFormat.CSV
        ? "text/csv; charset=utf-8"
        : "application/x-ndjson; charset=utf-8";
  }

  static ExportWriter of(ExportFormat format, OutputStream out) throws IOException {
    return format == ExportFormat.CSV ? new Csv(out) : new NdJson(out);
  }

  @Override
  public abstract void close() throws IOException;

  private static final class NdJson extends ExportWriter {
    private final JsonGenerator g;

    NdJson(OutputStream out) throws IOException {
      this.g = JsonOutput.FACTORY.createGenerator(out);
    }

    @Override
    public void log(EmailLog log) throws IOException {
      JsonOutput.writeLog(g, log);
      g.writeRaw('\n');
    }

    @Override
    public void close() throws IOException {
      g.close(); // flushes; the target stays open (AUTO_CLOSE_TARGET is off)
    }
  }

  static final class Csv extends ExportWriter {
    private final Writer w;

    Csv(OutputStream out) throws IOException {
      this.w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      for (int i = 0; i < CSV_COLUMNS.size(); i++) {
        w.write(i == 0 ? "" : ",");
        w.write(CSV_COLUMNS.get(i));
      }
      w.write("\r\n");
    }

    @Override
    public void log(EmailLog log) throws IOException {
      field(log.refId(), true);
      field(Long.toString(log.accountId()), false);
      field(Long.toString(log.tenantId()), false);
      field(log.fromAddress(), false);
      field(log.recipientAddress(), false);
      field(log.recipientDomain(), false);
      field(log.recipientType().wireName(), false);
      field(log.subject(), false);
      field(log.status().wireName(), false);
      field(log.priority().wireName(), false);
      field(log.campaignId(), false);
      field(
          json(
              g -> {
                g.writeStartArray();
                for (String tag : log.tags()) {
                  g.writeString(tag);
                }
                g.writeEndArray();
              }),
          false);
      field(Boolean.toString(log.opened()), false);
      field(Boolean.toString(log.clicked()), false);
      field(log.failedReason(), false);
      field(time(log.createdAt()), false);
      field(time(log.deliveredDate()), false);
      field(time(log.updatedAt()), false);
      field(json(g -> JsonOutput.writeTrack(g, log.track())), false);
      w.write("\r\n");
    }

    private static String json(JsonOutput.Body body) {
      return new String(JsonOutput.write(body), StandardCharsets.UTF_8);
    }

    private static String time(Instant t) {
      return t == null ? null : Timestamps.format(t);
    }

    private void field(String value, boolean first) throws IOException {
      if (!first) {
        w.write(',');
      }
      if (value != null) {
        w.write(quote(value));
      }
    }

    /** The value as an RFC 4180 field. */
    static String quote(String value) {
      boolean needs = false;
      for (int i = 0; i < value.length() && !needs; i++) {
        char c = value.charAt(i);
        needs = c == ',' || c == '"' || c == '\r' || c == '\n';
      }
      return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    @Override
    public void close() throws IOException {
      w.flush();
    }
  }
}
