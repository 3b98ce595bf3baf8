package io.emaillogs.adapter.jersey;

import com.fasterxml.jackson.core.JsonGenerator;
import io.emaillogs.application.DeliveryStatsUseCase.DeliveryStats;
import io.emaillogs.application.MessageTimelineUseCase.Timeline;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventDetails;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.stats.DeliveryCounts;
import io.emaillogs.domain.stats.StatsBucket;
import java.io.IOException;

/** The JSON answers of the message timeline and of the delivery statistics. */
final class ReportJson {
  private ReportJson() {}

  /**
   * {@code {"success":true,"refId":...,"emailLogs":[...],"events":[{"id","eventType","timestamp",
   * "recipient","details"}]}}; details holds only the details present.
   */
  static byte[] timeline(Timeline timeline) {
    return JsonOutput.write(
        g -> {
          g.writeStartObject();
          g.writeBooleanField("success", true);
          g.writeStringField("refId", timeline.refId());
          g.writeArrayFieldStart("emailLogs");
          for (EmailLog log : timeline.logs()) {
            JsonOutput.writeLog(g, log);
          }
          g.writeEndArray();
          g.writeArrayFieldStart("events");
          for (LogEvent event : timeline.events()) {
            g.writeStartObject();
            g.writeNumberField("id", event.sequence());
            g.writeStringField("eventType", event.type().wireName());
            JsonOutput.writeTime(g, "timestamp", event.timestamp());
            g.writeStringField("recipient", event.recipientAddress());
            g.writeObjectFieldStart("details");
            EventDetails d = event.details();
            JsonOutput.writeIfPresent(g, "reason", d.reason());
            JsonOutput.writeIfPresent(g, "userAgent", d.userAgent());
            JsonOutput.writeIfPresent(g, "ip", d.ip());
            JsonOutput.writeIfPresent(g, "url", d.url());
            g.writeEndObject();
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /**
   * {@code {"success":true,"interval":"day","groupBy":null,"buckets":[{"start","group","total",
   * "statuses":{...nine},"delivered","opened","clicked","rates":{...}}]}}.
   */
  static byte[] stats(DeliveryStats stats) {
    return JsonOutput.write(
        g -> {
          g.writeStartObject();
          g.writeBooleanField("success", true);
          g.writeStringField("interval", stats.interval().wireName());
          g.writeStringField(
              "groupBy", stats.groupBy() == null ? null : stats.groupBy().wireName());
          g.writeArrayFieldStart("buckets");
          for (StatsBucket bucket : stats.buckets()) {
            writeBucket(g, bucket);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  private static void writeBucket(JsonGenerator g, StatsBucket bucket) throws IOException {
    DeliveryCounts c = bucket.counts();
    g.writeStartObject();
    JsonOutput.writeTime(g, "start", bucket.start());
    g.writeStringField("group", bucket.group());
    g.writeNumberField("total", c.total());
    g.writeObjectFieldStart("statuses");
    for (LogStatus status : LogStatus.values()) {
      g.writeNumberField(status.wireName(), c.status(status));
    }
    g.writeEndObject();
    g.writeNumberField("delivered", c.delivered());
    g.writeNumberField("opened", c.opened());
    g.writeNumberField("clicked", c.clicked());
    g.writeObjectFieldStart("rates");
    rate(g, "deliveryRate", c.deliveryRate());
    rate(g, "bounceRate", c.bounceRate());
    rate(g, "openRate", c.openRate());
    rate(g, "clickRate", c.clickRate());
    rate(g, "complaintRate", c.complaintRate());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void rate(JsonGenerator g, String name, Double value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, value.doubleValue());
    }
  }
}
