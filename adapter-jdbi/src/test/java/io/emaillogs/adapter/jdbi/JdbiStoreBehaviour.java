package io.emaillogs.adapter.jdbi;

import static io.emaillogs.adapter.jdbi.TestEvents.event;
import static io.emaillogs.adapter.jdbi.TestEvents.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.application.port.AppendResult;
import io.emaillogs.application.port.Directory;
import io.emaillogs.application.port.EventScan;
import io.emaillogs.application.port.LogSearch;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.StoreException;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.InvalidEventException;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.LogKey;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.RecipientType;
import io.emaillogs.domain.account.Account;
import io.emaillogs.domain.account.ApiKey;
import io.emaillogs.domain.account.SendingDomain;
import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.query.LogFilter;
import io.emaillogs.domain.query.Position;
import io.emaillogs.domain.stream.StreamFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Jdbi stores do beyond the shared contract: complete logs, every filter against the
 * domain's reference semantics, keyset pages, scans, purge, the directory. Runs on H2 and
 * PostgreSQL.
 */
abstract class JdbiStoreBehaviour {
  private static final Instant T0 = Instant.parse("2024-01-15T10:00:00Z");
  private static final DateWindow WIDE =
      DateWindow.of(T0.minus(Duration.ofDays(30)), T0.plus(Duration.ofDays(30)));
  private static final Comparator<EmailLog> NEWEST_FIRST =
      Comparator.comparing(EmailLog::createdAt).thenComparingLong(EmailLog::id).reversed();

  private Databases.Fresh database;
  JdbiStores stores;
  LogStore store;
  private final ReferenceModel reference = new ReferenceModel();

  abstract Databases.Fresh freshDatabase();

  @BeforeEach
  void open() {
    database = freshDatabase();
    stores = database.open();
    store = stores.logStore();
  }

  @AfterEach
  void close() {
    if (stores != null) {
      stores.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private AppendResult append(IngestEvent... events) {
    reference.append(List.of(events));
    return store.append(List.of(events));
  }

  private List<EmailLog> all(long accountId) {
    return store.findLogs(new LogSearch(accountId, LogFilter.NONE, WIDE, null, null, 100_000));
  }

  @Test
  void logsComeBackCompleteAndEqualToTheDomainsPlan() {
    append(
        queued("r1", "Ann@Example.COM")
            .at("2024-01-15T10:00:00Z")
            .from("News@Sender.example")
            .subject("Welcome")
            .campaign("c-1")
            .tags("onboarding", "Welcome")
            .type(RecipientType.CC)
            .build(),
        event(EventType.SENT, "r1", "ann@example.com").at("2024-01-15T10:00:01Z").build(),
        event(EventType.DEFERRED, "r1", "ann@example.com")
            .at("2024-01-15T10:00:02Z")
            .reason("mailbox busy")
            .build());
    append(
        event(EventType.OPENED, "r1", "ANN@example.com")
            .at("2024-01-15T10:05:00.123456Z")
            .agent("Mozilla/5.0")
            .ip("10.0.0.1")
            .build(),
        event(EventType.DELIVERED, "r1", "ann@example.com").at("2024-01-15T10:00:03Z").build(),
        event(EventType.CLICKED, "r1", "ann@example.com")
            .at("2024-01-15T10:06:00Z")
            .url("https://example.com/?q=\"x\"&y=\u00e9")
            .build(),
        event(EventType.OPENED, "r1", "ann@example.com").at("2024-01-15T10:07:00Z").build());

    List<EmailLog> found = all(TestEvents.ACCOUNT);

    assertThat(found).hasSize(1);
    EmailLog log = found.get(0);
    assertThat(log.id()).isPositive();
    assertThat(log.withId(0)).isEqualTo(reference.logs.get(LogKey.of(1, "r1", "ann@example.com")));
    assertThat(log.status()).isEqualTo(LogStatus.CLICKED);
    assertThat(log.tags()).containsExactly("onboarding", "Welcome");
    assertThat(log.track().opens()).hasSize(2);
    assertThat(log.track().opens().get(0).timestamp())
        .isEqualTo(Instant.parse("2024-01-15T10:05:00.123456Z"));
    assertThat(log.track().clicks().get(0).url())
        .isEqualTo("https://example.com/?q=\"x\"&y=\u00e9");
    assertThat(log.failedReason()).isEqualTo("mailbox busy");
    assertThat(log.failedReasonAt()).isEqualTo(Instant.parse("2024-01-15T10:00:02Z"));
    assertThat(log.deliveredDate()).isEqualTo(Instant.parse("2024-01-15T10:00:03Z"));
    assertThat(log.recipientAddress()).isEqualTo("Ann@Example.COM");
  }

  @Test
  void timestampsAreKeptToTheMicrosecond() {
    append(queued("r1", "a@example.com").at("2024-01-15T10:00:00.123456789Z").build());

    EmailLog log = all(TestEvents.ACCOUNT).get(0);

    assertThat(log.createdAt()).isEqualTo(Instant.parse("2024-01-15T10:00:00.123456Z"));
    assertThat(log.withId(0)).isEqualTo(reference.logs.values().iterator().next());
  }

  @Test
  void everyFilterAndWindowFollowsTheDomainSemantics() {
    Random random = new Random(42);
    String[] recipients = {"a@one.example", "B@one.example", "c@Two.example", "d@three.example"};
    String[] senders = {"News@Sender.example", "billing@sender.example", "x@other.example"};
    String[] subjects = {"Hello", "hello", "Invoice", "x".repeat(150) + "\u00e9", "x".repeat(150)};
    String[] campaigns = {null, "c1", "c2"};
    String[] reasons = {"mailbox full", "greylisted", "Mailbox full"};
    List<IngestEvent> batch = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      String ref = "ref" + (i % 60);
      String to = recipients[i % recipients.length];
      // many logs share a createdAt, so ids break the ties
      Instant created = T0.plusSeconds(random.nextInt(20) * 3600L);
      batch.add(
          queued(ref, to)
              .account(i % 7 == 0 ? 2 : 1)
              .at(created)
              .from(senders[random.nextInt(senders.length)])
              .subject(subjects[random.nextInt(subjects.length)])
              .campaign(campaigns[random.nextInt(campaigns.length)])
              .type(RecipientType.values()[random.nextInt(3)])
              .build());
      int step = random.nextInt(5);
      if (step >= 1) {
        batch.add(
            event(EventType.SENT, ref, to)
                .account(i % 7 == 0 ? 2 : 1)
                .at(created.plusSeconds(1))
                .build());
      }
      if (step >= 2) {
        batch.add(
            event(step == 4 ? EventType.BOUNCED : EventType.DELIVERED, ref, to)
                .account(i % 7 == 0 ? 2 : 1)
                .at(created.plusSeconds(random.nextInt(3) * 3600L + 2))
                .reason(reasons[random.nextInt(reasons.length)])
                .build());
      }
      if (step == 3) {
        batch.add(
            event(EventType.DEFERRED, ref, to)
                .account(i % 7 == 0 ? 2 : 1)
                .at(created.plusSeconds(3))
                .reason(reasons[random.nextInt(3)])
                .build());
      }
    }
    append(batch.toArray(IngestEvent[]::new));
    List<EmailLog> account1 = all(1);
    assertThat(account1.stream().map(l -> l.withId(0)))
        .containsExactlyInAnyOrderElementsOf(
            reference.logs.values().stream().filter(l -> l.accountId() == 1).toList());
    assertThat(account1).isSortedAccordingTo(NEWEST_FIRST);

    List<LogFilter> filters =
        List.of(
            LogFilter.NONE,
            filter(f -> f.email = "A@ONE.example"),
            filter(f -> f.recipientDomain = "ONE.example"),
            filter(f -> f.refId = "ref7"),
            filter(f -> f.status = LogStatus.DELIVERED),
            filter(f -> f.fromAddress = "news@sender.EXAMPLE"),
            filter(f -> f.subject = "hello"),
            filter(f -> f.subject = "x".repeat(150)),
            filter(f -> f.campaignId = "c1"),
            filter(f -> f.recipientType = RecipientType.BCC),
            filter(f -> f.failedReason = "mailbox full"),
            filter(
                f -> {
                  f.status = LogStatus.SENT;
                  f.recipientDomain = "one.example";
                  f.campaignId = "c2";
                }),
            filter(
                f -> {
                  f.fromAddress = "billing@sender.example";
                  f.recipientType = RecipientType.TO;
                }));
    List<DateWindow> createdWindows =
        List.of(
            WIDE,
            DateWindow.of(T0.plusSeconds(3 * 3600), T0.plusSeconds(9 * 3600)), // ends on created
            DateWindow.of(
                T0.plusSeconds(3 * 3600).plusNanos(1), T0.plusSeconds(9 * 3600).minusNanos(1)));
    DateWindow delivered =
        DateWindow.of(T0.plusSeconds(4 * 3600 + 2), T0.plusSeconds(12 * 3600 + 2));
    for (LogFilter f : filters) {
      for (DateWindow created : createdWindows) {
        checkPages(account1, f, created, null);
        checkPages(account1, f, created, delivered);
      }
      checkPages(account1, f, null, delivered);
    }
  }

  /** Pages through with small pages and compares with the domain's semantics over all logs. */
  private void checkPages(
      List<EmailLog> logs, LogFilter f, DateWindow created, DateWindow delivered) {
    List<EmailLog> expected =
        logs.stream()
            .filter(f::matches)
            .filter(l -> created == null || created.contains(l.createdAt()))
            .filter(
                l ->
                    delivered == null
                        || (l.deliveredDate() != null && delivered.contains(l.deliveredDate())))
            .sorted(NEWEST_FIRST)
            .toList();
    List<EmailLog> paged = new ArrayList<>();
    Position after = null;
    for (int pages = 0; pages < 1000; pages++) {
      List<EmailLog> page = store.findLogs(new LogSearch(1, f, created, delivered, after, 7));
      assertThat(page.size()).isLessThanOrEqualTo(7);
      paged.addAll(page);
      if (page.size() < 7) {
        break;
      }
      after = Position.of(page.get(page.size() - 1));
    }
    assertThat(paged)
        .as("filter %s, created %s, delivered %s", f, created, delivered)
        .isEqualTo(expected);
  }

  @Test
  void aBatchOfTheLargestSizeIsOneTransaction() {
    List<IngestEvent> batch = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      batch.add(queued("r" + i, "a" + i + "@example.com").build());
      batch.add(event(EventType.SENT, "r" + i, "a" + i + "@example.com").build());
    }

    assertThat(store.append(batch)).isEqualTo(new AppendResult(10_000, 0));

    assertThat(store.lastSequence()).isEqualTo(10_000);
    assertThat(all(1)).hasSize(5_000).allMatch(l -> l.status() == LogStatus.SENT);
  }

  @Test
  void aPositionBetweenMicrosecondsContinuesRightAfterIt() {
    append(
        queued("a", "a@example.com").at("2024-01-15T10:00:00.000001Z").build(),
        queued("b", "b@example.com").at("2024-01-15T10:00:00.000002Z").build(),
        queued("c", "c@example.com").at("2024-01-15T10:00:00.000003Z").build());
    Position between = new Position(Instant.parse("2024-01-15T10:00:00.0000025Z"), 0);

    List<EmailLog> page = store.findLogs(new LogSearch(1, LogFilter.NONE, WIDE, null, between, 10));

    assertThat(page).extracting(EmailLog::refId).containsExactly("b", "a");
    assertThat(page).allMatch(between::precedes);
  }

  @Test
  void duplicatesAreStoredOnceAndCounted() {
    AppendResult first =
        append(
            queued("r1", "a@example.com").id("e1").build(),
            event(EventType.SENT, "r1", "a@example.com").id("e2").build(),
            event(EventType.SENT, "r1", "a@example.com").id("e2").build());
    AppendResult second =
        append(
            event(EventType.SENT, "r1", "a@example.com").id("e2").build(),
            event(EventType.DELIVERED, "r1", "a@example.com").id("e3").build());
    AppendResult third = append(event(EventType.SENT, "r1", "a@example.com").id("e1").build());

    assertThat(first).isEqualTo(new AppendResult(2, 1));
    assertThat(second).isEqualTo(new AppendResult(1, 1));
    assertThat(third).isEqualTo(new AppendResult(0, 1));
    assertThat(store.lastSequence()).isEqualTo(3);
    assertThat(scanAll(1, "sender.example"))
        .extracting(LogEvent::eventId)
        .containsExactly("e1", "e2", "e3");
  }

  @Test
  void anInvalidBatchStoresNothing() {
    append(queued("r1", "a@example.com").build());
    List<IngestEvent> batch =
        List.of(
            event(EventType.SENT, "r1", "a@example.com").build(),
            queued("r2", "b@example.com").build(),
            event(EventType.SENT, "nope", "a@example.com").build());

    assertThatThrownBy(() -> store.append(batch))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("event 2: no log for refId nope");

    assertThat(store.lastSequence()).isEqualTo(1);
    assertThat(all(1)).extracting(EmailLog::refId).containsExactly("r1");
    assertThat(all(1).get(0).status()).isEqualTo(LogStatus.QUEUED);
  }

  @Test
  void scansFollowTheStreamFilterInSequenceOrder() {
    append(
        queued("r1", "Ann@Example.com")
            .from("News@Sender.example")
            .subject("Your Invoice")
            .tags("Billing", "q1")
            .at("2024-01-15T10:00:00Z")
            .build(),
        queued("r2", "bob@example.com")
            .from("news@sender.example")
            .subject("Welcome")
            .tags("onboarding")
            .at("2024-01-15T10:00:01Z")
            .build(),
        queued("r3", "carl@example.com")
            .from("news@other.example")
            .subject("Invoice")
            .at("2024-01-15T10:00:02Z")
            .build(),
        queued("r4", "dan@example.com")
            .account(2)
            .from("news@sender.example")
            .subject("Invoice")
            .at("2024-01-15T10:00:03Z")
            .build());
    append(
        event(EventType.DELIVERED, "r1", "ann@example.com").at("2024-01-15T10:01:00Z").build(),
        event(EventType.DELIVERED, "r2", "bob@example.com").at("2024-01-15T10:02:00Z").build(),
        event(EventType.OPENED, "r1", "ann@example.com")
            .at("2024-01-15T10:03:00Z")
            .agent("UA")
            .ip("1.2.3.4")
            .build());

    assertThat(scanAll(1, "sender.example"))
        .extracting(LogEvent::sequence)
        .containsExactly(1L, 2L, 5L, 6L, 7L);
    assertThat(scan(1, "SENDER.example", filter(null, null, null, null, "invoice", null, null), 0))
        .extracting(LogEvent::sequence)
        .containsExactly(1L, 5L, 7L);
    assertThat(scan(1, "sender.example", filter(null, null, null, null, null, null, "BILL"), 0))
        .extracting(LogEvent::sequence)
        .containsExactly(1L, 5L, 7L);
    assertThat(
            scan(
                1,
                "sender.example",
                filter(null, null, null, "ANN@example.com", null, null, null),
                0))
        .extracting(LogEvent::sequence)
        .containsExactly(1L, 5L, 7L);
    assertThat(
            scan(
                1,
                "sender.example",
                filter(null, null, "NEWS@sender.example", null, null, EventType.DELIVERED, null),
                0))
        .extracting(LogEvent::sequence)
        .containsExactly(5L, 6L);
    assertThat(
            scan(
                1,
                "sender.example",
                filter(
                    Instant.parse("2024-01-15T10:00:01Z"),
                    Instant.parse("2024-01-15T10:02:00Z"),
                    null,
                    null,
                    null,
                    null,
                    null),
                0))
        .extracting(LogEvent::sequence)
        .containsExactly(2L, 5L, 6L);
    assertThat(scan(1, "sender.example", StreamFilter.parse(java.util.Map.of()), 5))
        .extracting(LogEvent::sequence)
        .containsExactly(6L, 7L);
    assertThat(scanAll(2, "sender.example")).extracting(LogEvent::refId).containsExactly("r4");

    LogEvent open =
        scan(1, "sender.example", filter(null, null, null, null, null, EventType.OPENED, null), 0)
            .get(0);
    assertThat(open.details().userAgent()).isEqualTo("UA");
    assertThat(open.tags()).containsExactly("Billing", "q1");
    assertThat(open.recipientAddress()).isEqualTo("ann@example.com");
    assertThat(open.fromAddress()).isEqualTo("News@Sender.example");
    assertThat(open.senderDomain()).isEqualTo("sender.example");
    List<LogEvent> expected = new ArrayList<>();
    for (int i = 0; i < reference.events.size(); i++) {
      expected.add(reference.events.get(i).withSequence(i + 1));
    }
    assertThat(scanAll(1, "sender.example"))
        .isEqualTo(
            expected.stream()
                .filter(e -> e.accountId() == 1 && e.senderDomain().equals("sender.example"))
                .toList());
  }

  @Test
  void scansStopAtTheLimitOrWhenTheSinkSaysSo() {
    List<IngestEvent> batch = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      batch.add(queued("r" + i, "a@example.com").subject(i % 2 == 0 ? "even" : "odd").build());
    }
    append(batch.toArray(IngestEvent[]::new));
    StreamFilter any = StreamFilter.parse(java.util.Map.of());
    EventScan all = new EventScan(1, "sender.example", any, 0);

    List<Long> seen = new ArrayList<>();
    assertThat(store.scanEvents(all, 3_000, e -> seen.add(e.sequence()))).isEqualTo(2_500);
    assertThat(seen).hasSize(2_500).isSorted().doesNotHaveDuplicates();
    assertThat(store.scanEvents(all, 1_234, e -> true)).isEqualTo(1_234);
    AtomicInteger calls = new AtomicInteger();
    assertThat(store.scanEvents(all, 3_000, e -> calls.incrementAndGet() < 10)).isEqualTo(10);
    List<LogEvent> odd = new ArrayList<>();
    EventScan oddOnly =
        new EventScan(1, "sender.example", filter(null, null, null, null, "ODD", null, null), 100);
    assertThat(store.scanEvents(oddOnly, 1_100, odd::add)).isEqualTo(1_100);
    assertThat(odd.get(0).sequence()).isEqualTo(102);
    assertThat(odd.get(1_099).sequence()).isEqualTo(2_300);
  }

  @Test
  void aFailingSinkPropagatesAndReleasesItsConnection() {
    append(queued("r1", "a@example.com").build(), queued("r2", "b@example.com").build());
    EventScan all = new EventScan(1, "sender.example", StreamFilter.parse(java.util.Map.of()), 0);

    for (int i = 0; i < 25; i++) { // more than the pool holds
      assertThatThrownBy(
              () ->
                  store.scanEvents(
                      all,
                      10,
                      e -> {
                        throw new IllegalStateException("client gone");
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("client gone");
    }

    assertThat(scanAll(1, "sender.example")).hasSize(2);
  }

  @Test
  void listenersRunAfterEachAppendUntilClosed() {
    AtomicInteger calls = new AtomicInteger();
    List<Long> visible = new java.util.concurrent.CopyOnWriteArrayList<>();
    LogStore.Subscription subscription =
        store.subscribe(
            () -> {
              calls.incrementAndGet();
              visible.add(store.lastSequence());
            });

    append(queued("r1", "a@example.com").build());
    append(queued("r1", "a@example.com").build()); // a duplicate-free second queued event
    append(event(EventType.SENT, "r1", "a@example.com").id("only").build());
    store.append(List.of(event(EventType.SENT, "r1", "a@example.com").id("only").build()));
    subscription.close();
    subscription.close();
    append(event(EventType.DELIVERED, "r1", "a@example.com").build());

    // a peer's notification may add wake-ups on PostgreSQL, never remove one
    assertThat(calls.get()).isGreaterThanOrEqualTo(3);
    assertThat(visible).contains(1L, 2L, 3L);
  }

  @Test
  void purgeDeletesOldLogsWithTheirEvents() {
    append(
        queued("old", "a@example.com").at("2024-01-01T00:00:00Z").build(),
        event(EventType.SENT, "old", "a@example.com").at("2024-01-20T00:00:00Z").build(),
        queued("edge", "a@example.com").at("2024-01-10T00:00:00Z").build(),
        queued("new", "a@example.com").at("2024-01-15T00:00:00Z").build());

    int deleted = store.purgeCreatedBefore(Instant.parse("2024-01-10T00:00:00Z"));

    assertThat(deleted).isEqualTo(1);
    assertThat(
            store.findLogs(
                new LogSearch(
                    1,
                    LogFilter.NONE,
                    DateWindow.of(Instant.EPOCH, Instant.parse("2025-01-01T00:00:00Z")),
                    null,
                    null,
                    10)))
        .extracting(EmailLog::refId)
        .containsExactly("new", "edge");
    assertThat(scanAll(1, "sender.example"))
        .extracting(LogEvent::refId)
        .containsExactly("edge", "new");
    assertThat(store.lastSequence()).isEqualTo(4);
    assertThatThrownBy(
            () -> store.append(List.of(event(EventType.OPENED, "old", "a@example.com").build())))
        .isInstanceOf(InvalidEventException.class);
  }

  @Test
  void purgeWorksInChunks() {
    List<IngestEvent> batch = new ArrayList<>();
    for (int i = 0; i < 1_050; i++) {
      batch.add(queued("r" + i, "a@example.com").at(T0.minusSeconds(i)).build());
    }
    append(batch.toArray(IngestEvent[]::new));

    assertThat(store.purgeCreatedBefore(T0.minusSeconds(19))).isEqualTo(1_050 - 20);
    assertThat(all(1)).hasSize(20);
  }

  @Test
  void theRetentionJobPurges() throws Exception {
    append(
        queued("old", "a@example.com").at("2024-01-01T00:00:00Z").build(),
        queued("new", "a@example.com").at(T0).build());
    java.time.Clock clock = java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC);

    AutoCloseable job = stores.startRetention(clock, Duration.ofDays(7), Duration.ofMillis(50));
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (all(1).size() > 1 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } finally {
      job.close();
    }

    assertThat(all(1)).extracting(EmailLog::refId).containsExactly("new");
  }

  @Test
  void theDirectoryKeepsAccountsKeysDomainsAndTheSecret() {
    Directory directory = stores.directory();
    Account acme = directory.createAccount("Acme", 67890, OptionalInt.empty());
    Account other = directory.createAccount("Other", 1, OptionalInt.of(5));
    assertThat(acme.id()).isNotEqualTo(other.id());
    assertThat(directory.findAccount(acme.id())).contains(acme);
    assertThat(directory.findAccount(other.id())).contains(other);
    assertThat(directory.findAccount(999_999)).isEmpty();

    Instant created = Instant.parse("2024-01-15T10:00:00.123456Z");
    ApiKey key =
        new ApiKey(
            "0123456789abcdef", acme.id(), "ci", new byte[] {1, 2, 3, (byte) 0xff}, created, null);
    directory.addKey(key);
    assertThat(directory.findKey("0123456789abcdef")).contains(key);
    assertThat(directory.findKey("fedcba9876543210")).isEmpty();
    assertThat(directory.revokeKey(other.id(), "0123456789abcdef", created)).isFalse();
    assertThat(directory.revokeKey(acme.id(), "0123456789abcdef", created.plusSeconds(1))).isTrue();
    assertThat(directory.revokeKey(acme.id(), "0123456789abcdef", created.plusSeconds(9))).isTrue();
    assertThat(directory.findKey("0123456789abcdef").orElseThrow().revokedAt())
        .isEqualTo(created.plusSeconds(1));
    assertThatThrownBy(() -> directory.addKey(key)).isInstanceOf(StoreException.class);

    assertThat(directory.saveDomain(new SendingDomain(acme.id(), "example.com", false)))
        .isEqualTo(new SendingDomain(acme.id(), "example.com", false));
    directory.saveDomain(new SendingDomain(acme.id(), "example.com", true));
    assertThat(directory.findDomain(acme.id(), "EXAMPLE.com"))
        .contains(new SendingDomain(acme.id(), "example.com", true));
    assertThat(directory.findDomain(other.id(), "example.com")).isEmpty();

    AtomicInteger generated = new AtomicInteger();
    byte[] secret =
        directory.pageTokenSecret(
            () -> {
              generated.incrementAndGet();
              return new byte[] {9, 8, 7};
            });
    byte[] again =
        directory.pageTokenSecret(
            () -> {
              generated.incrementAndGet();
              return new byte[] {1};
            });
    assertThat(secret).containsExactly(9, 8, 7);
    assertThat(again).containsExactly(9, 8, 7);
    assertThat(generated).hasValue(1);
  }

  @Test
  void failuresSurfaceAsStoreExceptions() {
    stores.close();

    assertThatThrownBy(() -> all(1)).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.append(List.of(queued("r", "a@example.com").build())))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> stores.directory().findAccount(1)).isInstanceOf(StoreException.class);
    assertThat(store.isHealthy()).isFalse();
    stores = null;
  }

  @Test
  void isHealthyWhileOpen() {
    assertThat(store.isHealthy()).isTrue();
  }

  private List<LogEvent> scanAll(long accountId, String domain) {
    return scan(accountId, domain, StreamFilter.parse(java.util.Map.of()), 0);
  }

  private List<LogEvent> scan(long accountId, String domain, StreamFilter filter, long after) {
    List<LogEvent> out = new ArrayList<>();
    store.scanEvents(new EventScan(accountId, domain, filter, after), 500_000, out::add);
    return out;
  }

  static StreamFilter filter(
      Instant start,
      Instant end,
      String sender,
      String recipient,
      String subject,
      EventType type,
      String tags) {
    return new StreamFilter(
        start, end, sender, recipient, subject, type, tags, StreamFilter.MAX_LIMIT);
  }

  /** A mutable stand-in for LogFilter's many constructor arguments. */
  static final class FilterSpec {
    String email;
    String recipientDomain;
    String refId;
    LogStatus status;
    String fromAddress;
    String subject;
    String campaignId;
    RecipientType recipientType;
    String failedReason;
  }

  static LogFilter filter(java.util.function.Consumer<FilterSpec> spec) {
    FilterSpec f = new FilterSpec();
    spec.accept(f);
    return new LogFilter(
        f.email,
        f.recipientDomain,
        f.refId,
        f.status,
        f.fromAddress,
        f.subject,
        f.campaignId,
        f.recipientType,
        f.failedReason);
  }
}
