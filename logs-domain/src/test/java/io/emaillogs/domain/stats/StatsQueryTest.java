package io.emaillogs.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.query.ExportFormat;
import io.emaillogs.domain.query.ExportQuery;
import io.emaillogs.domain.query.RefId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsQueryTest {
  static Map<String, List<String>> p(String... nv) {
    Map<String, List<String>> m = new HashMap<>();
    for (int i = 0; i < nv.length; i += 2) {
      m.computeIfAbsent(nv[i], k -> new java.util.ArrayList<>()).add(nv[i + 1]);
    }
    return m;
  }

  static void refused(Map<String, List<String>> raw, String message) {
    assertThatThrownBy(() -> StatsQuery.parse(raw))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(message);
  }

  @Test
  void defaults_are_day_no_split_and_the_last_seven_days() {
    StatsQuery q = StatsQuery.parse(Map.of());
    assertThat(q.interval()).isEqualTo(StatsInterval.DAY);
    assertThat(q.groupBy()).isNull();
    assertThat(q.filter().isEmpty()).isTrue();
    Instant now = Instant.parse("2024-01-15T10:30:00Z");
    assertThat(q.resolveWindow(now)).isEqualTo(DateWindow.lastDays(now, 7));
  }

  @Test
  void parses_every_parameter() {
    StatsQuery q =
        StatsQuery.parse(
            p(
                "startCreatedAt", "2024-01-01T00:00:00Z",
                "endCreatedAt", "2024-04-03T00:00:00Z",
                "campaignId", "Spring",
                "fromAddress", "News@Acme.COM",
                "recipientDomain", "Gmail.com",
                "interval", "hour",
                "groupBy", "recipientDomain"));
    assertThat(q.createdWindow().end()).isEqualTo(Instant.parse("2024-04-03T00:00:00Z"));
    assertThat(q.filter()).isEqualTo(new StatsFilter("Spring", "news@acme.com", "gmail.com"));
    assertThat(q.interval()).isEqualTo(StatsInterval.HOUR);
    assertThat(q.groupBy()).isEqualTo(StatsDimension.RECIPIENT_DOMAIN);
  }

  @Test
  void refuses_with_the_spec_wording() {
    refused(p("status", "sent"), "Invalid query parameter: status");
    refused(p("interval", "day", "interval", "hour"), "Duplicate query parameter: interval");
    refused(p("interval", "Day"), "Invalid interval: Day");
    refused(p("interval", ""), "Invalid interval: ");
    refused(p("groupBy", "campaign"), "Invalid groupBy: campaign");
    refused(p("endCreatedAt", "2024-01-01T00:00:00Z"), "startCreatedAt is required");
    refused(
        p("startCreatedAt", "2024-01-01T00:00:00Z", "endCreatedAt", "2024-04-03T00:00:01Z"),
        "date range cannot exceed 93 days");
    refused(
        p("startCreatedAt", "2024-01-02T00:00:00Z", "endCreatedAt", "2024-01-01T00:00:00Z"),
        "startCreatedAt cannot be after endCreatedAt");
    refused(
        p("startCreatedAt", "2024-01-01", "endCreatedAt", "2024-01-02T00:00:00Z"),
        "Wrong date format: startCreatedAt must be RFC3339");
  }

  @Test
  void buckets_are_utc_hours_days_or_the_window() {
    Instant t = Instant.parse("2024-01-15T10:42:13.5Z");
    Instant start = Instant.parse("2024-01-10T07:30:00Z");
    assertThat(StatsInterval.HOUR.bucketStart(t, start))
        .isEqualTo(Instant.parse("2024-01-15T10:00:00Z"));
    assertThat(StatsInterval.DAY.bucketStart(t, start))
        .isEqualTo(Instant.parse("2024-01-15T00:00:00Z"));
    assertThat(StatsInterval.TOTAL.bucketStart(t, start)).isEqualTo(start);
  }

  @Test
  void rates_round_to_four_decimals_and_are_null_without_a_divisor() {
    assertThat(DeliveryCounts.rate(1, 3)).isEqualTo(0.3333);
    assertThat(DeliveryCounts.rate(2, 3)).isEqualTo(0.6667);
    assertThat(DeliveryCounts.rate(0, 0)).isNull();
    assertThat(DeliveryCounts.ZERO.openRate()).isNull();
    assertThat(DeliveryCounts.ZERO.plus(DeliveryCounts.ZERO).isZero()).isTrue();
  }

  @Test
  void aggregation_sums_hours_orders_by_time_then_group_and_drops_empty_buckets() {
    long[] one = new long[DeliveryCounts.SLOTS];
    one[0] = 1;
    DeliveryCounts c = DeliveryCounts.ofValues(one);
    Instant h1 = Instant.parse("2024-01-15T10:00:00Z");
    Instant h2 = Instant.parse("2024-01-15T11:00:00Z");
    Instant d2 = Instant.parse("2024-01-16T01:00:00Z");
    List<StatsBucket> buckets =
        StatsBucket.aggregate(
            List.of(
                new HourlyCounts(d2, "b", c),
                new HourlyCounts(h2, "b", c),
                new HourlyCounts(h1, "b", c),
                new HourlyCounts(h1, null, c),
                new HourlyCounts(h1, "a", DeliveryCounts.ZERO)),
            StatsInterval.DAY,
            h1);
    assertThat(buckets)
        .extracting(b -> b.start() + " " + b.group() + " " + b.counts().total())
        .containsExactly(
            "2024-01-15T00:00:00Z null 1", "2024-01-15T00:00:00Z b 2", "2024-01-16T00:00:00Z b 1");
  }

  @Test
  void export_and_ref_id_rules() {
    assertThat(ExportQuery.parse(Map.of()).format()).isEqualTo(ExportFormat.NDJSON);
    assertThat(ExportQuery.parse(p("format", "csv")).format()).isEqualTo(ExportFormat.CSV);
    assertThatThrownBy(() -> ExportQuery.parse(p("format", "CSV")))
        .hasMessage("Invalid format: CSV");
    assertThatThrownBy(() -> ExportQuery.parse(p("pageSize", "1")))
        .hasMessage("Invalid query parameter: pageSize");
    assertThatThrownBy(() -> ExportQuery.parse(p("status", "nope")))
        .hasMessage("Invalid status: nope");
    assertThat(
            ExportQuery.parse(
                    p(
                        "startCreatedAt",
                        "2024-01-01T00:00:00Z",
                        "endCreatedAt",
                        "2024-04-03T00:00:00Z"))
                .createdWindow())
        .isNotNull();
    assertThat(RefId.parse("01HQ3Z8M4XK2_a-b")).isEqualTo("01HQ3Z8M4XK2_a-b");
    assertThatThrownBy(() -> RefId.parse("x".repeat(65))).hasMessage("invalid refId");
    assertThatThrownBy(() -> RefId.parse(null)).hasMessage("invalid refId");
  }
}
