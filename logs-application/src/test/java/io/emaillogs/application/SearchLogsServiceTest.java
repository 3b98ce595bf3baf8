package io.emaillogs.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.application.SearchLogsUseCase.LogPage;
import io.emaillogs.application.SearchLogsUseCase.SearchLogsQuery;
import io.emaillogs.application.port.LogSearch;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.RawEvent;
import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.query.PageTokenCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SearchLogsServiceTest {
  private static final Instant NOW = Instant.parse("2024-01-20T12:00:00Z");
  private static final byte[] SECRET =
      "a-page-token-secret-of-the-tests".getBytes(StandardCharsets.UTF_8);

  private final FakeLogStore store = new FakeLogStore();
  private final FakeDirectory directory = new FakeDirectory();
  private final MutableClock clock = new MutableClock(NOW);
  private final SearchLogsService service =
      new SearchLogsService(store, new PageTokenCodec(SECRET), clock);
  private final RecordEventsService record = new RecordEventsService(store, directory);
  private long acme;
  private long globex;

  @BeforeEach
  void accounts() {
    acme = directory.createAccount("Acme", 100, OptionalInt.empty()).id();
    globex = directory.createAccount("Globex", 200, OptionalInt.empty()).id();
  }

  private void ingest(Raw... events) {
    List<RawEvent> batch = new ArrayList<>();
    for (Raw e : events) {
      batch.add(e.build());
    }
    record.record(batch);
  }

  /** {@code count} logs of {@code account}, created one hour apart going back from NOW - 1h. */
  private void seed(long account, String prefix, int count) {
    for (int i = 1; i <= count; i++) {
      ingest(Raw.queued(prefix + i).account(account).at(NOW.minus(Duration.ofHours(i))));
    }
  }

  private LogPage search(long account, Map<String, List<String>> params) {
    return service.search(new SearchLogsQuery(account, params));
  }

  /** Every page of a query, following tokens; {@code sizes} gives each page's pageSize. */
  private List<LogPage> walk(long account, String... params) {
    List<LogPage> pages = new ArrayList<>();
    LogPage page = search(account, Params.of(params));
    pages.add(page);
    while (page.nextPageToken().isPresent()) {
      assertThat(pages).as("runaway paging").hasSizeLessThan(100);
      page = search(account, Params.withToken(page.nextPageToken().get(), params));
      pages.add(page);
    }
    return pages;
  }

  private static List<EmailLog> newestFirst(List<EmailLog> logs) {
    return logs.stream()
        .sorted(
            Comparator.comparing(EmailLog::createdAt).thenComparingLong(EmailLog::id).reversed())
        .toList();
  }

  @Test
  void pages_through_every_log_newest_first_without_duplicates_or_gaps() {
    seed(acme, "a", 45);
    // five logs created at the same instant: the id breaks the tie
    for (int i = 0; i < 5; i++) {
      ingest(Raw.queued("tie" + i).account(acme).at(NOW.minus(Duration.ofMinutes(90))));
    }
    seed(globex, "g", 3);

    List<LogPage> pages = walk(acme, "pageSize", "10");

    assertThat(pages).extracting(p -> p.logs().size()).containsExactly(10, 10, 10, 10, 10);
    assertThat(pages.get(4).nextPageToken()).isEmpty();
    List<EmailLog> seen = pages.stream().flatMap(p -> p.logs().stream()).toList();
    List<EmailLog> expected =
        newestFirst(store.allLogs().stream().filter(l -> l.accountId() == acme).toList());
    assertThat(seen).hasSize(50).containsExactlyElementsOf(expected);
  }

  @Test
  void the_last_page_has_no_token_also_when_it_is_exactly_full() {
    seed(acme, "a", 20);
    List<LogPage> pages = walk(acme, "pageSize", "10");
    assertThat(pages).extracting(p -> p.logs().size()).containsExactly(10, 10);
    assertThat(pages.get(0).nextPageToken()).isPresent();
    assertThat(pages.get(1).nextPageToken()).isEmpty();
  }

  @Test
  void a_single_exactly_full_page_has_no_token() {
    seed(acme, "a", 20);
    LogPage page = search(acme, Params.of());
    assertThat(page.logs()).hasSize(20);
    assertThat(page.nextPageToken()).isEmpty();
  }

  @Test
  void one_log_more_than_the_page_gives_a_token_to_a_non_empty_page() {
    seed(acme, "a", 21);
    List<LogPage> pages = walk(acme);
    assertThat(pages).extracting(p -> p.logs().size()).containsExactly(20, 1);
  }

  @Test
  void no_log_gives_an_empty_page_without_token() {
    LogPage page = search(acme, Params.of());
    assertThat(page.logs()).isEmpty();
    assertThat(page.nextPageToken()).isEmpty();
  }

  @Test
  void asks_the_store_for_one_more_log_than_the_page() {
    search(acme, Params.of("pageSize", "7"));
    assertThat(store.searches).hasSize(1);
    assertThat(store.searches.get(0).limit()).isEqualTo(8);
    assertThat(store.searches.get(0).accountId()).isEqualTo(acme);
    assertThat(store.searches.get(0).after()).isNull();
  }

  @Test
  void only_the_callers_logs_are_returned() {
    seed(acme, "a", 3);
    seed(globex, "g", 4);
    assertThat(search(globex, Params.of()).logs())
        .hasSize(4)
        .allSatisfy(l -> assertThat(l.accountId()).isEqualTo(globex));
  }

  @Test
  void without_bounds_the_store_searches_the_last_seven_days() {
    search(acme, Params.of());
    LogSearch s = store.searches.get(0);
    assertThat(s.createdWindow()).isEqualTo(DateWindow.of(NOW.minus(Duration.ofDays(7)), NOW));
    assertThat(s.deliveredWindow()).isNull();
  }

  @Test
  void with_delivered_bounds_only_no_created_window_is_searched() {
    search(
        acme,
        Params.of(
            "startDeliveredDate", "2023-01-01T00:00:00Z",
            "endDeliveredDate", "2023-01-02T00:00:00+02:00"));
    LogSearch s = store.searches.get(0);
    assertThat(s.createdWindow()).isNull();
    assertThat(s.deliveredWindow())
        .isEqualTo(
            DateWindow.of(
                Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2023-01-01T22:00:00Z")));
  }

  @Test
  void the_default_window_is_frozen_at_page_one_even_when_the_clock_moves() {
    // logs from 1 h to 160 h (6 days 16 h) old: all inside [NOW - 7d, NOW]
    for (int i = 0; i < 9; i++) {
      ingest(Raw.queued("a" + i).account(acme).at(NOW.minus(Duration.ofHours(1 + 20L * i))));
    }
    LogPage first = search(acme, Params.of("pageSize", "4"));

    clock.advance(Duration.ofDays(1));
    // created after page 1, newer than anything in the frozen window
    ingest(Raw.queued("late").account(acme).at(NOW.plus(Duration.ofHours(2))));

    List<EmailLog> rest = new ArrayList<>();
    String token = first.nextPageToken().orElseThrow();
    while (token != null) {
      LogPage page = search(acme, Params.withToken(token, "pageSize", "4"));
      rest.addAll(page.logs());
      token = page.nextPageToken().orElse(null);
    }

    assertThat(rest).extracting(EmailLog::refId).containsExactly("a4", "a5", "a6", "a7", "a8");
    assertThat(store.searches)
        .extracting(LogSearch::createdWindow)
        .containsOnly(DateWindow.of(NOW.minus(Duration.ofDays(7)), NOW));
    // a fresh page 1 does see the new window
    assertThat(search(acme, Params.of("pageSize", "4")).logs().get(0).refId()).isEqualTo("late");
  }

  @Test
  void logs_created_after_page_one_cause_no_duplicate_and_no_skip() {
    String[] window = {
      "startCreatedAt", "2024-01-19T00:00:00Z", "endCreatedAt", "2024-01-20T12:00:00Z"
    };
    seed(acme, "a", 12); // NOW-1h ... NOW-12h
    LogPage first = search(acme, Params.of(concat(window, "pageSize", "5")));
    ingest(
        Raw.queued("newest").account(acme).at(NOW.minus(Duration.ofMinutes(1))),
        Raw.queued("between").account(acme).at(NOW.minus(Duration.ofMinutes(150))));

    List<EmailLog> all = new ArrayList<>(first.logs());
    String token = first.nextPageToken().orElseThrow();
    while (token != null) {
      LogPage page = search(acme, Params.withToken(token, concat(window, "pageSize", "5")));
      all.addAll(page.logs());
      token = page.nextPageToken().orElse(null);
    }
    assertThat(all).extracting(EmailLog::refId).doesNotHaveDuplicates();
    assertThat(all)
        .extracting(EmailLog::refId)
        .contains("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11", "a12")
        .doesNotContain("newest");
  }

  @Test
  void page_size_may_change_between_pages() {
    seed(acme, "a", 12);
    LogPage first = search(acme, Params.of("pageSize", "3"));
    LogPage second =
        search(acme, Params.withToken(first.nextPageToken().orElseThrow(), "pageSize", "8"));
    LogPage third = search(acme, Params.withToken(second.nextPageToken().orElseThrow()));

    assertThat(first.logs()).extracting(EmailLog::refId).containsExactly("a1", "a2", "a3");
    assertThat(second.logs())
        .extracting(EmailLog::refId)
        .containsExactly("a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11");
    assertThat(third.logs()).extracting(EmailLog::refId).containsExactly("a12");
    assertThat(third.nextPageToken()).isEmpty();
  }

  @Test
  void a_token_of_one_account_is_refused_for_another() {
    seed(acme, "a", 5);
    seed(globex, "g", 5);
    String token = search(acme, Params.of("pageSize", "2")).nextPageToken().orElseThrow();

    assertThatThrownBy(() -> search(globex, Params.withToken(token, "pageSize", "2")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("invalid page token");
  }

  @Test
  void a_token_is_refused_when_the_filters_change() {
    seed(acme, "a", 5);
    String token = search(acme, Params.of("pageSize", "2")).nextPageToken().orElseThrow();

    for (String[] changed :
        List.of(
            new String[] {"status", "queued"},
            new String[] {"email", "bob@example.com"},
            new String[] {"fromAddress", "news@acme.com"},
            new String[] {"startCreatedAt", "2024-01-19T00:00:00Z", "endCreatedAt", NOW.toString()},
            new String[] {
              "startDeliveredDate", "2024-01-19T00:00:00Z", "endDeliveredDate", NOW.toString()
            })) {
      assertThatThrownBy(() -> search(acme, Params.withToken(token, changed)))
          .as(String.join(",", changed))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessage("invalid page token");
    }
  }

  @Test
  void the_same_filters_in_another_case_or_order_continue() {
    ingest(Raw.queued("x1").account(acme).to("Bob@Example.com").at(NOW.minusSeconds(10)));
    ingest(Raw.queued("x2").account(acme).to("bob@example.com").at(NOW.minusSeconds(20)));
    String token =
        search(acme, Params.of("email", "BOB@example.com", "status", "queued", "pageSize", "1"))
            .nextPageToken()
            .orElseThrow();
    LogPage next =
        search(acme, Params.withToken(token, "status", "queued", "email", "bob@EXAMPLE.com"));
    assertThat(next.logs()).extracting(EmailLog::refId).containsExactly("x2");
  }

  @Test
  void a_token_signed_with_another_secret_is_refused() {
    seed(acme, "a", 5);
    SearchLogsService other =
        new SearchLogsService(
            store,
            new PageTokenCodec("another-secret-for-other-server".getBytes(StandardCharsets.UTF_8)),
            clock);
    String token =
        other
            .search(new SearchLogsQuery(acme, Params.of("pageSize", "2")))
            .nextPageToken()
            .orElseThrow();
    assertThatThrownBy(() -> search(acme, Params.withToken(token, "pageSize", "2")))
        .hasMessage("invalid page token");
  }

  @Test
  void malformed_tokens_are_refused() {
    for (String bad : List.of("", "x", "not-a-token", "AAAA")) {
      assertThatThrownBy(() -> search(acme, Params.withToken(bad)))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessage("invalid page token");
    }
    assertThat(store.searches).isEmpty();
  }

  @Test
  void parameter_errors_reach_the_caller_with_the_spec_message() {
    assertThatThrownBy(() -> search(acme, Params.of("pageSize", "51")))
        .hasMessage("pageSize must be between 1 and 50");
    assertThatThrownBy(() -> search(acme, Params.of("x", "1")))
        .hasMessage("Invalid query parameter: x");
    assertThatThrownBy(() -> search(acme, Params.of("startCreatedAt", NOW.toString())))
        .hasMessage("endCreatedAt is required");
    assertThat(store.searches).isEmpty();
  }

  @Test
  void filters_reach_the_store() {
    ingest(Raw.queued("r1").account(acme).at(NOW.minusSeconds(5)));
    ingest(Raw.event("delivered", "r1").account(acme).at(NOW.minusSeconds(4)));
    ingest(Raw.queued("r2").account(acme).at(NOW.minusSeconds(3)));
    assertThat(search(acme, Params.of("status", "delivered")).logs())
        .extracting(EmailLog::refId)
        .containsExactly("r1");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
