package io.emaillogs.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.app.Stores;
import io.emaillogs.app.demo.DemoData;
import io.emaillogs.app.demo.DemoTraffic;
import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.SearchLogsUseCase.LogPage;
import io.emaillogs.application.SearchLogsUseCase.SearchLogsQuery;
import io.emaillogs.domain.EmailLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One seeding shared by the tests; live traffic adds logs only after the fixed clock's now. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDataTest {
  private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private Stores stores;
  private EmailLogs logs;
  private DemoData.Seeded seeded;

  @BeforeAll
  void seed() {
    stores = Stores.inMemory(CLOCK);
    logs = emailLogs(stores, CLOCK);
    seeded = DemoData.seed(logs, CLOCK);
  }

  @AfterAll
  void close() {
    stores.close();
  }

  private static EmailLogs emailLogs(Stores stores, Clock clock) {
    return EmailLogs.builder()
        .store(stores.logStore())
        .directory(stores.directory())
        .rateLimiter(stores.rateLimiter())
        .clock(clock)
        .build();
  }

  /** Every log matching {@code filters} in both 7-day halves of the 14 days. */
  private List<EmailLog> all(Map<String, String> filters) {
    List<EmailLog> found = new java.util.ArrayList<>();
    for (int week = 0; week < 2; week++) {
      Instant end = NOW.minus(Duration.ofDays(7L * week));
      Map<String, List<String>> query = new HashMap<>();
      filters.forEach((k, v) -> query.put(k, List.of(v)));
      query.put(
          "startCreatedAt",
          List.of(end.minus(Duration.ofDays(7)).plusMillis(week == 0 ? 1 : 0).toString()));
      query.put("endCreatedAt", List.of(end.toString()));
      query.put("pageSize", List.of("50"));
      Optional<String> token = Optional.empty();
      do {
        Map<String, List<String>> page = new HashMap<>(query);
        token.ifPresent(t -> page.put("pageToken", List.of(t)));
        LogPage result = logs.searchLogs().search(new SearchLogsQuery(seeded.accountId(), page));
        found.addAll(result.logs());
        token = result.nextPageToken();
      } while (token.isPresent());
    }
    return found;
  }

  @Test
  void seeds_about_ten_thousand_logs_over_the_last_fourteen_days() {
    List<EmailLog> every = all(Map.of());

    assertThat(seeded.logs()).isBetween(10_000, 10_002);
    assertThat(every).hasSize(seeded.logs());
    assertThat(seeded.events()).isGreaterThan(3 * seeded.logs());
    assertThat(every)
        .allSatisfy(
            log -> {
              assertThat(log.tenantId()).isEqualTo(DemoData.TENANT_ID);
              assertThat(log.createdAt()).isBetween(NOW.minus(DemoData.SPAN), NOW);
            });
    // spread over the whole span, not bunched at one end
    assertThat(every.stream().filter(l -> l.createdAt().isBefore(NOW.minus(Duration.ofDays(10)))))
        .hasSizeGreaterThan(1_000);
    assertThat(every.stream().filter(l -> l.createdAt().isAfter(NOW.minus(Duration.ofDays(2)))))
        .hasSizeGreaterThan(500);
  }

  @Test
  void the_customer_token_belongs_to_the_seeded_account_and_its_domains_are_verified() {
    assertThat(logs.access().authenticate("Bearer " + seeded.customerToken()).id())
        .isEqualTo(seeded.accountId());
    for (String domain : DemoData.SENDING_DOMAINS) {
      assertThat(stores.directory().findDomain(seeded.accountId(), domain))
          .hasValueSatisfying(d -> assertThat(d.verified()).isTrue());
    }
    assertThat(stores.directory().findDomain(seeded.accountId(), DemoData.UNVERIFIED_DOMAIN))
        .hasValueSatisfying(d -> assertThat(d.verified()).isFalse());
  }

  @Test
  void every_status_recipient_type_and_sending_domain_occurs() {
    List<EmailLog> every = all(Map.of());

    assertThat(every.stream().map(l -> l.status().name().toLowerCase()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(
            "queued",
            "sent",
            "delivered",
            "opened",
            "clicked",
            "bounced",
            "failed",
            "spam",
            "unsubscribed");
    assertThat(
            every.stream()
                .map(l -> l.recipientType().name().toLowerCase())
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("to", "cc", "bcc");
    assertThat(
            every.stream()
                .map(l -> l.fromAddress().substring(l.fromAddress().indexOf('@') + 1))
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(DemoData.SENDING_DOMAINS);
  }

  @Test
  void every_campaign_has_non_trivial_statistics_over_several_days() {
    for (String campaign :
        List.of(
            "new-arrivals", "spring-sale", "weekly-digest", "loyalty-rewards", "flash-sale-48h")) {
      var stats =
          logs.deliveryStats()
              .stats(
                  new io.emaillogs.application.DeliveryStatsUseCase.StatsRequest(
                      seeded.accountId(),
                      Map.of(
                          "campaignId", List.of(campaign),
                          "interval", List.of("total"),
                          "startCreatedAt", List.of(NOW.minus(Duration.ofDays(14)).toString()),
                          "endCreatedAt", List.of(NOW.toString()))));
      assertThat(stats.buckets()).as(campaign).hasSize(1);
      var counts = stats.buckets().get(0).counts();
      assertThat(counts.total()).as(campaign).isGreaterThan(100);
      assertThat(counts.status(io.emaillogs.domain.LogStatus.BOUNCED)).as(campaign).isPositive();
      assertThat(counts.opened()).as(campaign).isPositive();
      assertThat(counts.clicked()).as(campaign).isPositive();
      assertThat(counts.bounceRate()).as(campaign).isBetween(0.001, 0.5);
    }
    var byDay =
        logs.deliveryStats()
            .stats(
                new io.emaillogs.application.DeliveryStatsUseCase.StatsRequest(
                    seeded.accountId(),
                    Map.of(
                        "campaignId", List.of("spring-sale"),
                        "startCreatedAt", List.of(NOW.minus(Duration.ofDays(14)).toString()),
                        "endCreatedAt", List.of(NOW.toString()))));
    assertThat(byDay.buckets()).hasSizeGreaterThanOrEqualTo(3); // sent in waves
  }

  @Test
  void logs_carry_campaigns_tags_tracking_and_smtp_failure_reasons() {
    assertThat(all(Map.of("campaignId", "spring-sale")))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l.tags()).contains("newsletter", "spring-sale"));
    assertThat(
            all(
                Map.of(
                    "failedReason",
                    "550 5.1.1 The email account that you tried to reach does not exist")))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l.status().name()).isEqualTo("BOUNCED"));
    assertThat(all(Map.of("failedReason", "421 4.7.0 Try again later"))).isNotEmpty();

    List<EmailLog> clicked = all(Map.of("status", "clicked"));
    assertThat(clicked).isNotEmpty();
    assertThat(clicked)
        .allSatisfy(
            l -> {
              assertThat(l.clicked()).isTrue();
              assertThat(l.track().clicks()).isNotEmpty();
              assertThat(l.track().clicks().get(0).url()).startsWith("https://");
              assertThat(l.track().clicks().get(0).ip()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            });
    assertThat(all(Map.of("status", "opened")))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l.track().opens().get(0).userAgent()).isNotBlank());
  }

  @Test
  void seeding_is_deterministic_for_a_seed_and_a_clock() {
    Stores other = Stores.inMemory(CLOCK);
    try {
      EmailLogs again = emailLogs(other, CLOCK);
      DemoData.Seeded second = DemoData.seed(again, CLOCK);
      Map<String, List<String>> firstPage = Map.of("pageSize", List.of("50"));
      List<String> a =
          logs
              .searchLogs()
              .search(new SearchLogsQuery(seeded.accountId(), firstPage))
              .logs()
              .stream()
              .map(l -> l.refId() + l.recipientAddress() + l.status())
              .toList();
      List<String> b =
          again
              .searchLogs()
              .search(new SearchLogsQuery(second.accountId(), firstPage))
              .logs()
              .stream()
              .map(l -> l.refId() + l.recipientAddress() + l.status())
              .toList();
      assertThat(a).hasSize(50).isEqualTo(b);
      assertThat(second.events()).isEqualTo(seeded.events());
    } finally {
      other.close();
    }
  }

  @Test
  void live_traffic_keeps_adding_events() throws Exception {
    long before = stores.logStore().lastSequence();
    DemoTraffic traffic =
        DemoTraffic.start(logs, seeded.accountId(), Clock.systemUTC(), Duration.ofMillis(20));
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (stores.logStore().lastSequence() < before + 20 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } finally {
      traffic.close();
    }
    long after = stores.logStore().lastSequence();
    assertThat(after).isGreaterThanOrEqualTo(before + 20);
    Thread.sleep(100);
    assertThat(stores.logStore().lastSequence()).as("stopped on close").isEqualTo(after);
  }
}
