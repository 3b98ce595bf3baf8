package io.emaillogs.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * A queued event followed by any permutation of other events gives the same log, except for the
 * order of track entries, which follow ingestion order.
 */
class EmailLogOrderPropertiesTest {
  private static final Comparator<String> NULLS = Comparator.nullsFirst(Comparator.naturalOrder());
  private static final Comparator<OpenEntry> OPEN_ORDER =
      Comparator.comparing(OpenEntry::timestamp)
          .thenComparing(OpenEntry::userAgent, NULLS)
          .thenComparing(OpenEntry::ip, NULLS);
  private static final Comparator<ClickEntry> CLICK_ORDER =
      Comparator.comparing(ClickEntry::timestamp)
          .thenComparing(ClickEntry::url, NULLS)
          .thenComparing(ClickEntry::userAgent, NULLS)
          .thenComparing(ClickEntry::ip, NULLS);

  /** The queued event is at second 3, so some events are older than it and many share a time. */
  private static final IngestEvent QUEUED = AnEvent.queued().atSecond(3).id("q").build();

  @Provide
  Arbitrary<List<IngestEvent>> others() {
    Arbitrary<EventType> types = Arbitraries.of(EventType.values());
    Arbitrary<Integer> seconds = Arbitraries.integers().between(0, 7);
    Arbitrary<String> reasons =
        Arbitraries.of("blocked", "mailbox full", "timeout").injectNull(0.3);
    Arbitrary<String> agents = Arbitraries.of("Mail/1", "Outlook").injectNull(0.3);
    Arbitrary<String> ips = Arbitraries.of("10.0.0.1", "10.0.0.2").injectNull(0.3);
    Arbitrary<String> urls = Arbitraries.of("https://a.test/1", "https://a.test/2").injectNull(0.3);
    return Combinators.combine(types, seconds, reasons, agents, ips, urls)
        .as(
            (type, second, reason, agent, ip, url) ->
                AnEvent.of(type)
                    .atSecond(second)
                    .reason(reason)
                    .userAgent(agent)
                    .ip(ip)
                    .url(url)
                    .build())
        .list()
        .ofMaxSize(14);
  }

  @Provide
  Arbitrary<Tuple2<List<IngestEvent>, List<IngestEvent>>> orders() {
    return others().flatMap(list -> Arbitraries.shuffle(list).map(s -> Tuple.of(list, s)));
  }

  @Property(tries = 500)
  void the_final_log_is_the_same_for_every_order_but_the_track_order(
      @ForAll("orders") Tuple2<List<IngestEvent>, List<IngestEvent>> orders) {
    List<IngestEvent> reversed = new ArrayList<>(orders.get1());
    Collections.reverse(reversed);

    EmailLog first = applyAll(orders.get1());
    EmailLog shuffled = applyAll(orders.get2());
    EmailLog backwards = applyAll(reversed);

    assertThat(normalised(shuffled)).isEqualTo(normalised(first));
    assertThat(normalised(backwards)).isEqualTo(normalised(first));
  }

  @Property(tries = 300)
  void track_entries_keep_ingestion_order(
      @ForAll("orders") Tuple2<List<IngestEvent>, List<IngestEvent>> orders) {
    for (List<IngestEvent> order : List.of(orders.get1(), orders.get2())) {
      EmailLog log = applyAll(order);
      List<OpenEntry> opens =
          order.stream()
              .filter(e -> e.type() == EventType.OPENED)
              .map(e -> new OpenEntry(e.timestamp(), e.details().userAgent(), e.details().ip()))
              .toList();
      List<ClickEntry> clicks =
          order.stream()
              .filter(e -> e.type() == EventType.CLICKED)
              .map(
                  e ->
                      new ClickEntry(
                          e.timestamp(),
                          e.details().url(),
                          e.details().userAgent(),
                          e.details().ip()))
              .toList();
      assertThat(log.track().opens()).containsExactlyElementsOf(opens);
      assertThat(log.track().clicks()).containsExactlyElementsOf(clicks);
    }
  }

  /** An independent model of the rules of SPEC section 2, checked against the real log. */
  @Property(tries = 500)
  void the_log_follows_the_spec_rules(@ForAll("others") List<IngestEvent> others) {
    EmailLog log = applyAll(others);
    List<IngestEvent> all = new ArrayList<>(others);
    all.add(0, QUEUED);

    int topRank =
        all.stream().mapToInt(e -> statusOf(e).map(LogStatus::rank).orElse(-1)).max().orElseThrow();
    Instant topTime =
        all.stream()
            .filter(e -> statusOf(e).map(LogStatus::rank).orElse(-1) == topRank)
            .map(IngestEvent::timestamp)
            .max(Comparator.naturalOrder())
            .orElseThrow();
    Set<LogStatus> winners =
        all.stream()
            .filter(e -> statusOf(e).map(LogStatus::rank).orElse(-1) == topRank)
            .filter(e -> e.timestamp().equals(topTime))
            .map(e -> statusOf(e).orElseThrow())
            .collect(Collectors.toSet());
    assertThat(winners).contains(log.status());
    assertThat(log.status().rank()).isEqualTo(topRank);

    assertThat(log.deliveredDate())
        .isEqualTo(
            all.stream()
                .filter(e -> e.type() == EventType.DELIVERED)
                .map(IngestEvent::timestamp)
                .min(Comparator.naturalOrder())
                .orElse(null));

    List<IngestEvent> failures =
        all.stream()
            .filter(e -> e.type().recordsFailure() && e.details().reason() != null)
            .toList();
    if (failures.isEmpty()) {
      assertThat(log.failedReason()).isNull();
    } else {
      Instant latest =
          failures.stream()
              .map(IngestEvent::timestamp)
              .max(Comparator.naturalOrder())
              .orElseThrow();
      assertThat(
              failures.stream()
                  .filter(e -> e.timestamp().equals(latest))
                  .map(e -> e.details().reason()))
          .contains(log.failedReason());
    }

    assertThat(log.opened()).isEqualTo(all.stream().anyMatch(e -> e.type() == EventType.OPENED));
    assertThat(log.clicked()).isEqualTo(all.stream().anyMatch(e -> e.type() == EventType.CLICKED));
    assertThat(log.updatedAt())
        .isEqualTo(
            all.stream().map(IngestEvent::timestamp).max(Comparator.naturalOrder()).orElseThrow());
    assertThat(log.createdAt())
        .isEqualTo(
            all.stream()
                .filter(e -> e.type() == EventType.QUEUED)
                .map(IngestEvent::timestamp)
                .min(Comparator.naturalOrder())
                .orElseThrow());
  }

  @Property(tries = 200)
  void the_status_never_moves_to_a_lower_rank_while_events_arrive(
      @ForAll("others") List<IngestEvent> others) {
    EmailLog log = EmailLog.create(QUEUED);
    for (IngestEvent e : others) {
      EmailLog next = log.apply(e);
      assertThat(next.status().rank()).isGreaterThanOrEqualTo(log.status().rank());
      assertThat(next.updatedAt()).isAfterOrEqualTo(log.updatedAt());
      if (log.failedReason() != null) {
        assertThat(next.failedReason()).isNotNull();
      }
      if (log.deliveredDate() != null) {
        assertThat(next.deliveredDate()).isNotNull();
      }
      if (log.opened()) {
        assertThat(next.opened()).isTrue();
      }
      if (log.clicked()) {
        assertThat(next.clicked()).isTrue();
      }
      log = next;
    }
  }

  private static java.util.Optional<LogStatus> statusOf(IngestEvent e) {
    return e.type().status();
  }

  private static EmailLog applyAll(List<IngestEvent> others) {
    EmailLog log = EmailLog.create(QUEUED);
    for (IngestEvent e : others) {
      log = log.apply(e);
    }
    return log;
  }

  /** The log with its track entries sorted, so only their multiset is compared. */
  private static EmailLog normalised(EmailLog log) {
    List<OpenEntry> opens = new ArrayList<>(log.track().opens());
    opens.sort(OPEN_ORDER);
    List<ClickEntry> clicks = new ArrayList<>(log.track().clicks());
    clicks.sort(CLICK_ORDER);
    return new EmailLog(
        log.id(),
        log.refId(),
        log.accountId(),
        log.tenantId(),
        log.fromAddress(),
        log.recipientAddress(),
        log.recipientDomain(),
        log.recipientType(),
        log.subject(),
        log.status(),
        log.priority(),
        log.campaignId(),
        log.tags(),
        log.opened(),
        log.clicked(),
        log.failedReason(),
        log.createdAt(),
        log.deliveredDate(),
        log.updatedAt(),
        new Track(opens, clicks),
        log.statusAt(),
        log.failedReasonAt());
  }
}
