package io.emaillogs.application.port;

import static io.emaillogs.application.port.TestEvents.T0;
import static io.emaillogs.application.port.TestEvents.event;
import static io.emaillogs.application.port.TestEvents.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventBatch;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.InvalidEventException;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.RecipientType;
import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.query.LogFilter;
import io.emaillogs.domain.query.Position;
import io.emaillogs.domain.stream.StreamFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link LogStore} must show. A store's test extends this class and supplies a
 * fresh, empty store per test; the in-memory, H2 and PostgreSQL stores all run it, so fixtures
 * behave like production.
 */
public abstract class LogStoreContract {
  /** A window that holds every timestamp these tests use. */
  protected static final DateWindow ALL =
      DateWindow.of(T0.minusSeconds(3600), T0.plus(Duration.ofDays(6)));

  protected LogStore store;

  /** A new, empty store; closed after each test. */
  protected abstract LogStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  // ---- helpers ----

  protected AppendResult append(TestEvents... events) {
    List<IngestEvent> batch = new ArrayList<>();
    for (TestEvents e : events) {
      batch.add(e.build());
    }
    return store.append(batch);
  }

  protected List<EmailLog> find(
      long account, LogFilter filter, DateWindow created, DateWindow delivered) {
    return store.findLogs(new LogSearch(account, filter, created, delivered, null, 50));
  }

  protected List<EmailLog> all(long account) {
    return find(account, LogFilter.NONE, ALL, null);
  }

  /**
   * Four writers append 25 batches of 4 queued events each, spread over {@code accounts} accounts,
   * while one reader follows them with {@code readAfter} (events after a cursor); returns the
   * sequences the reader saw, checked to be every event once and in order.
   */
  protected List<Long> readWhileFourWritersAppend(
      String prefix, int accounts, java.util.function.LongFunction<List<LogEvent>> readAfter)
      throws Exception {
    int writers = 4;
    int batches = 25;
    int perBatch = 4;
    int total = writers * batches * perBatch;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      List<Long> seen = Collections.synchronizedList(new ArrayList<>());
      Future<?> reader =
          pool.submit(
              () -> {
                long cursor = 0;
                while (seen.size() < total) {
                  List<LogEvent> got = readAfter.apply(cursor);
                  for (LogEvent e : got) {
                    seen.add(e.sequence());
                    cursor = e.sequence();
                  }
                  if (got.isEmpty()) {
                    Thread.sleep(1);
                  }
                }
                return null;
              });
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int b = 0; b < batches; b++) {
                    List<IngestEvent> batch = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                      batch.add(
                          queued(prefix + writer + "b" + b + "i" + i)
                              .account(1 + writer % accounts)
                              .atSecond(b)
                              .build());
                    }
                    store.append(batch);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(50, TimeUnit.SECONDS);
      }
      reader.get(50, TimeUnit.SECONDS);
      assertThat(seen).hasSize(total).doesNotHaveDuplicates().isSorted();
      return seen;
    } finally {
      pool.shutdownNow();
    }
  }

  protected static List<String> refIds(List<EmailLog> logs) {
    return logs.stream().map(EmailLog::refId).toList();
  }

  protected List<LogEvent> scan(long account, String domain, StreamFilter filter, long after) {
    List<LogEvent> out = new ArrayList<>();
    store.scanEvents(new EventScan(account, domain, filter, after), Integer.MAX_VALUE, out::add);
    return out;
  }

  protected static StreamFilter streamFilter() {
    return new StreamFilter(null, null, null, null, null, null, null, StreamFilter.MAX_LIMIT);
  }

  protected static LogFilter filter(
      String email,
      String recipientDomain,
      String refId,
      LogStatus status,
      String from,
      String subject,
      String campaign,
      RecipientType type,
      String failedReason) {
    return new LogFilter(
        email, recipientDomain, refId, status, from, subject, campaign, type, failedReason);
  }

  @Nested
  class Appending {
    @Test
    void a_stored_log_equals_what_the_domain_computes() {
      List<IngestEvent> batch =
          List.of(
              queued("r1")
                  .to("Bob@Example.COM")
                  .from("News@Mail.Acme.com")
                  .atSecond(0)
                  .subject("Your order")
                  .campaign("spring")
                  .tags("promo", "Spring Sale")
                  .recipientType(RecipientType.CC)
                  .build(),
              event(EventType.DEFERRED, "r1")
                  .to("Bob@Example.COM")
                  .atSecond(5)
                  .reason("421 4.7.0 Try again later")
                  .build(),
              event(EventType.DELIVERED, "r1").to("bob@example.com").atSecond(10).build(),
              event(EventType.OPENED, "r1")
                  .to("Bob@Example.COM")
                  .atSecond(20)
                  .userAgent("Mozilla/5.0")
                  .ip("203.0.113.7")
                  .build(),
              event(EventType.CLICKED, "r1")
                  .to("Bob@Example.COM")
                  .atSecond(30)
                  .url("https://acme.com/sale")
                  .userAgent("Mozilla/5.0")
                  .ip("203.0.113.7")
                  .build(),
              event(EventType.OPENED, "r1").to("Bob@Example.COM").atSecond(25).build());
      EmailLog expected = EventBatch.plan(batch, Map.of(), Set.of()).logs().get(0).log();

      AppendResult result = store.append(batch);

      assertThat(result).isEqualTo(new AppendResult(6, 0));
      List<EmailLog> logs = all(1);
      assertThat(logs).hasSize(1);
      EmailLog stored = logs.get(0);
      assertThat(stored.id()).isPositive();
      assertThat(stored.withId(0)).isEqualTo(expected);
      assertThat(stored.recipientAddress()).isEqualTo("Bob@Example.COM");
      assertThat(stored.recipientDomain()).isEqualTo("example.com");
      assertThat(stored.status()).isEqualTo(LogStatus.CLICKED);
      assertThat(stored.track().opens())
          .extracting(o -> o.timestamp())
          .containsExactly(T0.plusSeconds(20), T0.plusSeconds(25));
      assertThat(stored.tags()).containsExactly("promo", "Spring Sale");
    }

    @Test
    void later_batches_apply_the_precedence_rules_to_the_stored_log() {
      append(queued("r1").atSecond(0));
      append(event(EventType.OPENED, "r1").atSecond(20));
      append(event(EventType.DELIVERED, "r1").atSecond(10));
      append(event(EventType.BOUNCED, "r1").atSecond(30).reason("550 5.1.1 no such user"));

      EmailLog log = all(1).get(0);
      assertThat(log.status()).isEqualTo(LogStatus.OPENED);
      assertThat(log.deliveredDate()).isEqualTo(T0.plusSeconds(10));
      assertThat(log.failedReason()).isEqualTo("550 5.1.1 no such user");
      assertThat(log.updatedAt()).isEqualTo(T0.plusSeconds(30));
      assertThat(log.opened()).isTrue();
      assertThat(log.clicked()).isFalse();
    }

    @Test
    void an_event_id_is_stored_once_across_batches_and_within_a_batch() {
      assertThat(append(queued("r1").id("e1"), event(EventType.SENT, "r1").id("e2")))
          .isEqualTo(new AppendResult(2, 0));
      assertThat(
              append(
                  event(EventType.SENT, "r1").id("e2"),
                  event(EventType.OPENED, "r1").id("e3").atSecond(5),
                  event(EventType.OPENED, "r1").id("e3").atSecond(6)))
          .isEqualTo(new AppendResult(1, 2));

      assertThat(scan(1, "mail.acme.com", streamFilter(), 0))
          .extracting(LogEvent::eventId)
          .containsExactly("e1", "e2", "e3");
      assertThat(all(1).get(0).track().opens()).hasSize(1);
    }

    @Test
    void event_ids_are_unique_across_accounts() {
      append(queued("r1").id("shared").account(1));
      AppendResult second = append(queued("r1").id("shared").account(2));
      assertThat(second).isEqualTo(new AppendResult(0, 1));
      assertThat(all(2)).isEmpty();
    }

    @Test
    void a_batch_with_an_event_for_an_unknown_log_stores_nothing() {
      append(queued("existing").atSecond(0));
      long before = store.lastSequence();

      assertThatThrownBy(
              () ->
                  append(
                      queued("new").atSecond(1),
                      event(EventType.DELIVERED, "existing").atSecond(2),
                      event(EventType.DELIVERED, "missing").atSecond(3)))
          .isInstanceOf(InvalidEventException.class)
          .hasMessageStartingWith("event 2: ");

      assertThat(refIds(all(1))).containsExactly("existing");
      assertThat(all(1).get(0).status()).isEqualTo(LogStatus.QUEUED);
      assertThat(store.lastSequence()).isEqualTo(before);
      // the refused batch's eventIds are not burnt
      assertThat(append(queued("new").atSecond(1))).isEqualTo(new AppendResult(1, 0));
    }

    @Test
    void a_queued_event_earlier_in_the_batch_creates_the_log_for_later_events() {
      assertThat(append(queued("r1").atSecond(0), event(EventType.DELIVERED, "r1").atSecond(1)))
          .isEqualTo(new AppendResult(2, 0));
      assertThat(all(1).get(0).status()).isEqualTo(LogStatus.DELIVERED);
    }

    @Test
    void recipients_are_matched_case_insensitively_to_their_log() {
      append(queued("r1").to("Carol@Example.com"));
      append(event(EventType.DELIVERED, "r1").to("carol@EXAMPLE.com").atSecond(1));
      List<EmailLog> logs = all(1);
      assertThat(logs).hasSize(1);
      assertThat(logs.get(0).status()).isEqualTo(LogStatus.DELIVERED);
      assertThat(logs.get(0).recipientAddress()).isEqualTo("Carol@Example.com");
    }

    @Test
    void one_send_to_three_recipients_gives_three_logs() {
      append(
          queued("r1").to("a@x.com"),
          queued("r1").to("b@x.com").recipientType(RecipientType.CC),
          queued("r1").to("c@x.com").recipientType(RecipientType.BCC));
      assertThat(all(1))
          .extracting(EmailLog::recipientAddress)
          .containsExactlyInAnyOrder("a@x.com", "b@x.com", "c@x.com");
    }
  }

  @Nested
  class Finding {
    @Test
    void newest_first_with_ties_broken_by_id_descending() {
      append(queued("a").atSecond(10), queued("b").atSecond(30), queued("c").atSecond(20));
      append(queued("d").atSecond(20));
      List<EmailLog> logs = all(1);
      assertThat(refIds(logs)).containsExactly("b", "d", "c", "a");
      assertThat(logs.get(1).id()).isGreaterThan(logs.get(2).id());
    }

    @Test
    void accounts_never_see_each_others_logs() {
      append(queued("mine").account(1), queued("theirs").account(2));
      assertThat(refIds(all(1))).containsExactly("mine");
      assertThat(refIds(all(2))).containsExactly("theirs");
      assertThat(all(3)).isEmpty();
    }

    @Test
    void the_created_window_is_inclusive_at_both_ends() {
      append(
          queued("before").atSecond(9),
          queued("start").atSecond(10),
          queued("end").atSecond(20),
          queued("after").atSecond(21));
      DateWindow window = DateWindow.of(T0.plusSeconds(10), T0.plusSeconds(20));
      assertThat(refIds(find(1, LogFilter.NONE, window, null))).containsExactly("end", "start");
    }

    @Test
    void the_delivered_window_is_inclusive_and_skips_undelivered_logs() {
      append(
          queued("a").atSecond(0),
          queued("b").atSecond(1),
          queued("c").atSecond(2),
          queued("never").atSecond(3));
      append(
          event(EventType.DELIVERED, "a").atSecond(100),
          event(EventType.DELIVERED, "b").atSecond(200),
          event(EventType.DELIVERED, "c").atSecond(201));
      DateWindow delivered = DateWindow.of(T0.plusSeconds(100), T0.plusSeconds(200));
      assertThat(refIds(find(1, LogFilter.NONE, null, delivered))).containsExactly("b", "a");
      DateWindow narrowCreated = DateWindow.of(T0, T0);
      assertThat(refIds(find(1, LogFilter.NONE, narrowCreated, delivered))).containsExactly("a");
    }

    @Test
    void each_filter_selects_exactly_its_logs() {
      append(
          queued("r1")
              .to("Ann@One.com")
              .from("News@Acme.com")
              .subject("Sale")
              .campaign("c1")
              .recipientType(RecipientType.TO)
              .atSecond(1),
          queued("r2")
              .to("bob@two.com")
              .from("billing@acme.com")
              .subject("sale")
              .campaign("c2")
              .recipientType(RecipientType.CC)
              .atSecond(2),
          queued("r3")
              .to("cat@one.com")
              .from("news@acme.com")
              .subject("Invoice")
              .recipientType(RecipientType.BCC)
              .atSecond(3));
      append(
          event(EventType.BOUNCED, "r2").to("bob@two.com").reason("550 no such user").atSecond(4),
          event(EventType.DELIVERED, "r3").to("cat@one.com").atSecond(5));

      assertThat(
              refIds(
                  find(
                      1,
                      filter("ann@one.COM", null, null, null, null, null, null, null, null),
                      ALL,
                      null)))
          .containsExactly("r1");
      assertThat(
              refIds(
                  find(
                      1,
                      filter(null, "ONE.com", null, null, null, null, null, null, null),
                      ALL,
                      null)))
          .containsExactly("r3", "r1");
      assertThat(
              refIds(
                  find(1, filter(null, null, "r2", null, null, null, null, null, null), ALL, null)))
          .containsExactly("r2");
      assertThat(
              refIds(
                  find(
                      1,
                      filter(null, null, null, LogStatus.BOUNCED, null, null, null, null, null),
                      ALL,
                      null)))
          .containsExactly("r2");
      assertThat(
              refIds(
                  find(
                      1,
                      filter(null, null, null, LogStatus.QUEUED, null, null, null, null, null),
                      ALL,
                      null)))
          .containsExactly("r1");
      assertThat(
              refIds(
                  find(
                      1,
                      filter(null, null, null, null, "NEWS@acme.com", null, null, null, null),
                      ALL,
                      null)))
          .containsExactly("r3", "r1");
      assertThat(
              refIds(
                  find(
                      1,
                      filter(null, null, null, null, null, "Sale", null, null, null),
                      ALL,
                      null)))
          .as("subject is exact and case-sensitive")
          .containsExactly("r1");
      assertThat(
              refIds(
                  find(1, filter(null, null, null, null, null, null, "c2", null, null), ALL, null)))
          .containsExactly("r2");
      assertThat(
              refIds(
                  find(
                      1,
                      filter(null, null, null, null, null, null, null, RecipientType.BCC, null),
                      ALL,
                      null)))
          .containsExactly("r3");
      assertThat(
              refIds(
                  find(
                      1,
                      filter(null, null, null, null, null, null, null, null, "550 no such user"),
                      ALL,
                      null)))
          .containsExactly("r2");
      assertThat(
              refIds(
                  find(
                      1,
                      filter(
                          null,
                          "one.com",
                          null,
                          LogStatus.DELIVERED,
                          "news@acme.com",
                          null,
                          null,
                          null,
                          null),
                      ALL,
                      null)))
          .containsExactly("r3");
      assertThat(find(1, filter(null, null, null, null, null, "sale", "c1", null, null), ALL, null))
          .isEmpty();
    }

    @Test
    void keyset_pages_cover_every_log_once_in_order() {
      List<TestEvents> events = new ArrayList<>();
      for (int i = 0; i < 37; i++) {
        events.add(queued("r" + i).atSecond(i / 3)); // ties on createdAt
      }
      append(events.toArray(TestEvents[]::new));
      List<EmailLog> expected =
          store.findLogs(new LogSearch(1, LogFilter.NONE, ALL, null, null, 100));
      assertThat(expected).hasSize(37);

      List<EmailLog> paged = new ArrayList<>();
      Position after = null;
      while (true) {
        List<EmailLog> page = store.findLogs(new LogSearch(1, LogFilter.NONE, ALL, null, after, 5));
        if (page.isEmpty()) {
          break;
        }
        paged.addAll(page);
        after = Position.of(page.get(page.size() - 1));
      }
      assertThat(paged).isEqualTo(expected);
    }

    @Test
    void appends_during_paging_never_cause_a_duplicate_or_a_skip() {
      for (int i = 0; i < 30; i++) {
        append(queued("old" + i).atSecond(100 + i));
      }
      List<String> seen = new ArrayList<>();
      Position after = null;
      int round = 0;
      DateWindow frozen = DateWindow.of(T0, T0.plusSeconds(200));
      while (true) {
        List<EmailLog> page =
            store.findLogs(new LogSearch(1, LogFilter.NONE, frozen, null, after, 4));
        if (page.isEmpty()) {
          break;
        }
        page.forEach(l -> seen.add(l.refId()));
        after = Position.of(page.get(page.size() - 1));
        // new logs arrive: newer, inside and outside the frozen window, and with tied createdAt
        append(queued("new" + round).atSecond(150), queued("newer" + round).atSecond(500));
        round++;
      }
      List<String> oldOnes = seen.stream().filter(r -> r.startsWith("old")).toList();
      assertThat(oldOnes).hasSize(30).doesNotHaveDuplicates();
      assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void tags_and_track_come_back_with_every_log_of_a_page() {
      for (int i = 0; i < 10; i++) {
        append(
            queued("r" + i).atSecond(i).tags("t" + i, "common"),
            event(EventType.OPENED, "r" + i).atSecond(i + 100).ip("198.51.100." + i),
            event(EventType.CLICKED, "r" + i).atSecond(i + 200).url("https://x.com/" + i));
      }
      for (EmailLog log : all(1)) {
        String n = log.refId().substring(1);
        assertThat(log.tags()).containsExactly("t" + n, "common");
        assertThat(log.track().opens())
            .singleElement()
            .satisfies(o -> assertThat(o.ip()).isEqualTo("198.51.100." + n));
        assertThat(log.track().clicks())
            .singleElement()
            .satisfies(c -> assertThat(c.url()).isEqualTo("https://x.com/" + n));
      }
    }
  }

  @Nested
  class Scanning {
    @Test
    void events_come_in_sequence_order_with_their_log_fields() {
      append(
          queued("r1")
              .from("News@Mail.Acme.com")
              .subject("Hi")
              .campaign("c")
              .tags("a", "b")
              .atSecond(0));
      append(
          event(EventType.DELIVERED, "r1").atSecond(1),
          event(EventType.CLICKED, "r1")
              .atSecond(2)
              .url("https://u")
              .ip("1.2.3.4")
              .userAgent("UA"));

      List<LogEvent> events = scan(1, "mail.acme.com", streamFilter(), 0);
      assertThat(events)
          .extracting(LogEvent::type)
          .containsExactly(EventType.QUEUED, EventType.DELIVERED, EventType.CLICKED);
      assertThat(events).extracting(LogEvent::sequence).isSorted().doesNotHaveDuplicates();
      LogEvent click = events.get(2);
      assertThat(click.fromAddress()).isEqualTo("News@Mail.Acme.com");
      assertThat(click.senderDomain()).isEqualTo("mail.acme.com");
      assertThat(click.subject()).isEqualTo("Hi");
      assertThat(click.campaignId()).isEqualTo("c");
      assertThat(click.tags()).containsExactly("a", "b");
      assertThat(click.details().url()).isEqualTo("https://u");
      assertThat(click.details().ip()).isEqualTo("1.2.3.4");
      assertThat(click.details().userAgent()).isEqualTo("UA");
      assertThat(click.timestamp()).isEqualTo(T0.plusSeconds(2));
      assertThat(store.lastSequence()).isEqualTo(click.sequence());
    }

    @Test
    void a_scan_sees_only_its_account_and_sender_domain_after_the_cursor() {
      append(
          queued("a").from("x@one.com"),
          queued("b").from("x@two.com"),
          queued("c").from("x@one.com").account(2),
          queued("d").from("y@ONE.com"));
      List<LogEvent> one = scan(1, "one.com", streamFilter(), 0);
      assertThat(one).extracting(LogEvent::refId).containsExactly("a", "d");
      assertThat(scan(1, "one.com", streamFilter(), one.get(0).sequence()))
          .extracting(LogEvent::refId)
          .containsExactly("d");
      assertThat(scan(1, "one.com", streamFilter(), one.get(1).sequence())).isEmpty();
    }

    @Test
    void each_stream_filter_selects_exactly_its_events() {
      append(
          queued("r1")
              .to("Ann@x.com")
              .from("s1@d.com")
              .subject("Spring SALE now")
              .tags("Promo-2024", "x")
              .atSecond(0),
          queued("r2")
              .to("bob@x.com")
              .from("S2@d.com")
              .subject("Invoice")
              .tags("billing")
              .atSecond(10));
      append(event(EventType.DELIVERED, "r1").to("ann@x.com").atSecond(20));

      assertThat(
              scan(
                  1,
                  "d.com",
                  new StreamFilter(
                      T0.plusSeconds(10), T0.plusSeconds(20), null, null, null, null, null, 10),
                  0))
          .extracting(LogEvent::refId)
          .containsExactly("r2", "r1");
      assertThat(
              scan(
                  1,
                  "d.com",
                  new StreamFilter(null, null, "s2@D.com", null, null, null, null, 10),
                  0))
          .extracting(LogEvent::refId)
          .containsExactly("r2");
      assertThat(
              scan(
                  1,
                  "d.com",
                  new StreamFilter(null, null, null, "ANN@x.com", null, null, null, 10),
                  0))
          .extracting(LogEvent::type)
          .containsExactly(EventType.QUEUED, EventType.DELIVERED);
      assertThat(
              scan(1, "d.com", new StreamFilter(null, null, null, null, "sale", null, null, 10), 0))
          .extracting(LogEvent::refId)
          .containsExactly("r1", "r1");
      assertThat(
              scan(
                  1,
                  "d.com",
                  new StreamFilter(null, null, null, null, null, EventType.DELIVERED, null, 10),
                  0))
          .extracting(LogEvent::refId)
          .containsExactly("r1");
      assertThat(
              scan(
                  1, "d.com", new StreamFilter(null, null, null, null, null, null, "promo", 10), 0))
          .extracting(LogEvent::type)
          .containsExactly(EventType.QUEUED, EventType.DELIVERED);
      assertThat(
              scan(1, "d.com", new StreamFilter(null, null, null, null, null, null, "bill", 10), 0))
          .extracting(LogEvent::refId)
          .containsExactly("r2");
    }

    @Test
    void a_scan_stops_at_its_limit_or_when_the_sink_says_so() {
      List<TestEvents> events = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        events.add(queued("r" + i).atSecond(i));
      }
      append(events.toArray(TestEvents[]::new));
      List<LogEvent> got = new ArrayList<>();
      assertThat(
              store.scanEvents(new EventScan(1, "mail.acme.com", streamFilter(), 0), 7, got::add))
          .isEqualTo(7);
      assertThat(got).hasSize(7);

      AtomicInteger calls = new AtomicInteger();
      int handed =
          store.scanEvents(
              new EventScan(1, "mail.acme.com", streamFilter(), 0),
              100,
              e -> calls.incrementAndGet() < 3);
      assertThat(calls.get()).isEqualTo(3);
      assertThat(handed).isEqualTo(3);
    }

    @Test
    void an_exception_from_the_sink_propagates_and_the_store_stays_usable() {
      append(queued("r1"), queued("r2"));
      assertThatThrownBy(
              () ->
                  store.scanEvents(
                      new EventScan(1, "mail.acme.com", streamFilter(), 0),
                      10,
                      e -> {
                        throw new IllegalStateException("client gone");
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("client gone");
      for (int i = 0; i < 20; i++) { // would exhaust a small pool if the scan leaked its connection
        assertThat(scan(1, "mail.acme.com", streamFilter(), 0)).hasSize(2);
      }
      assertThat(append(queued("r3")).accepted()).isEqualTo(1);
    }

    @Test
    void an_empty_store_has_sequence_zero() {
      assertThat(store.lastSequence()).isZero();
      assertThat(scan(1, "mail.acme.com", streamFilter(), 0)).isEmpty();
    }

    @Test
    @Timeout(60)
    void concurrent_writers_and_a_tailing_reader_see_every_event_once_in_order() throws Exception {
      List<Long> seen =
          readWhileFourWritersAppend(
              "w",
              1,
              cursor -> {
                List<LogEvent> got = new ArrayList<>();
                store.scanEvents(
                    new EventScan(1, "mail.acme.com", streamFilter(), cursor), 10_000, got::add);
                return got;
              });
      List<LogEvent> everything = scan(1, "mail.acme.com", streamFilter(), 0);
      assertThat(everything).hasSize(seen.size());
      assertThat(seen).isEqualTo(everything.stream().map(LogEvent::sequence).toList());
    }
  }

  @Nested
  class Tailing {
    @Test
    void the_tail_holds_every_account_and_domain_in_sequence_order_after_the_cursor() {
      append(
          queued("a").from("x@one.com"),
          queued("b").from("x@two.com"),
          queued("c").from("x@one.com").account(2));
      append(event(EventType.DELIVERED, "a").from("x@one.com").atSecond(1));

      List<LogEvent> tail = store.readEventsAfter(0, 100);
      assertThat(tail).extracting(LogEvent::refId).containsExactly("a", "b", "c", "a");
      assertThat(tail).extracting(LogEvent::accountId).containsExactly(1L, 1L, 2L, 1L);
      assertThat(tail).extracting(LogEvent::sequence).isSorted().doesNotHaveDuplicates();
      assertThat(tail.get(3).type()).isEqualTo(EventType.DELIVERED);
      assertThat(tail.get(3).senderDomain()).isEqualTo("one.com");
      assertThat(tail.get(3).sequence()).isEqualTo(store.lastSequence());

      assertThat(store.readEventsAfter(tail.get(1).sequence(), 100))
          .extracting(LogEvent::refId)
          .containsExactly("c", "a");
      assertThat(store.readEventsAfter(0, 2)).extracting(LogEvent::refId).containsExactly("a", "b");
      assertThat(store.readEventsAfter(store.lastSequence(), 100)).isEmpty();
      assertThat(store.readEventsAfter(0, 0)).isEmpty();
    }

    @Test
    void purged_logs_leave_the_tail() {
      append(queued("old").atSecond(0), queued("new").at(T0.plus(Duration.ofDays(2))));
      store.purgeCreatedBefore(T0.plus(Duration.ofDays(1)));
      assertThat(store.readEventsAfter(0, 100)).extracting(LogEvent::refId).containsExactly("new");
    }

    @Test
    @Timeout(60)
    void a_tail_reader_beside_concurrent_writers_sees_every_event_once_in_order() throws Exception {
      List<Long> seen =
          readWhileFourWritersAppend("t", 2, cursor -> store.readEventsAfter(cursor, 7));
      assertThat(seen)
          .isEqualTo(store.readEventsAfter(0, 10_000).stream().map(LogEvent::sequence).toList());
    }
  }

  @Nested
  class Notifying {
    @Test
    @Timeout(10)
    void a_subscriber_is_told_after_the_append_is_visible() throws Exception {
      CountDownLatch told = new CountDownLatch(1);
      AtomicLong visibleWhenTold = new AtomicLong(-1);
      LogStore.Subscription sub =
          store.subscribe(
              () -> {
                if (visibleWhenTold.get() < 0) {
                  visibleWhenTold.set(store.lastSequence());
                }
                told.countDown();
              });
      append(queued("r1"));
      assertThat(told.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(visibleWhenTold.get()).isEqualTo(store.lastSequence()).isPositive();
      sub.close();
    }

    @Test
    void a_closed_subscription_is_told_nothing() throws Exception {
      AtomicInteger calls = new AtomicInteger();
      LogStore.Subscription sub = store.subscribe(calls::incrementAndGet);
      sub.close();
      sub.close(); // idempotent
      append(queued("r1"));
      Thread.sleep(300);
      assertThat(calls.get()).isZero();
    }
  }

  @Nested
  class Retention {
    @Test
    void purging_removes_old_logs_and_their_events_only() {
      append(queued("old").atSecond(0), queued("new").atSecond(100));
      append(
          event(EventType.DELIVERED, "old").atSecond(200),
          event(EventType.DELIVERED, "new").atSecond(200));

      assertThat(store.purgeCreatedBefore(T0.plusSeconds(50))).isEqualTo(1);

      assertThat(refIds(all(1))).containsExactly("new");
      assertThat(scan(1, "mail.acme.com", streamFilter(), 0))
          .extracting(LogEvent::refId)
          .containsExactly("new", "new");
    }
  }

  @Test
  void the_store_is_healthy_when_open() {
    assertThat(store.isHealthy()).isTrue();
  }
}
