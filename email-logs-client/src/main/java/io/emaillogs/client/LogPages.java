package io.emaillogs.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The logs of a {@link LogQuery}, newest first, fetched a page at a time as they are read.
 *
 * <p>A created window {@code [from, to]} of any length is walked as consecutive windows of at most
 * 7 days (the server's limit, exactly 7 allowed), newest first: {@code [to - 7d, to]}, then {@code
 * [to - 14d, to - 7d]}, ..., the last one starting at {@code from}. The server's windows are
 * inclusive at both ends, so consecutive windows share their edge instant: a log created exactly
 * there is answered by both. Rather than shift an edge by a guessed precision (the in-memory store
 * keeps nanoseconds, PostgreSQL microseconds and rounds what it is sent), the iterator remembers
 * the logs of a window's oldest instant and skips them when the next window answers them again.
 * Nothing falls in a gap, nothing comes twice. Each window follows its {@code nextPageToken} with
 * the same parameters until the last page. Not thread-safe.
 */
final class LogPages implements Iterator<EmailLog> {
  static final Duration MAX_WINDOW = Duration.ofDays(7);
  static final int DEFAULT_PAGE_SIZE = 50;
  private static final String PATH = "/v1/email/logs";

  private final Http http;
  private final LogQuery query;
  private final boolean windowed;

  private Instant windowFrom; // the current window; null when not windowed
  private Instant windowTo;
  private boolean started; // the current window's first page was asked for
  private String token;
  private Iterator<EmailLog> page = Collections.emptyIterator();

  private Instant edgeAt; // the oldest createdAt of the previous window with logs
  private Set<String> edgeKeys = Set.of(); // the logs created at edgeAt
  private Instant oldestAt; // the oldest createdAt of the current window so far
  private Set<String> oldestKeys = new HashSet<>();

  private EmailLog next;
  private boolean done;

  LogPages(Http http, LogQuery query) {
    this.http = http;
    this.query = query;
    this.windowed = query.createdFrom() != null;
    if (windowed) {
      windowTo = query.createdTo();
      windowFrom = startOf(windowTo);
    }
  }

  private Instant startOf(Instant end) {
    Instant start = end.minus(MAX_WINDOW);
    return start.isBefore(query.createdFrom()) ? query.createdFrom() : start;
  }

  @Override
  public boolean hasNext() {
    while (next == null && !done) {
      if (page.hasNext()) {
        EmailLog log = page.next();
        if (!seenAtTheEdge(log)) {
          remember(log);
          next = log;
        }
      } else if (!started || token != null) {
        fetch();
      } else if (windowed && !windowFrom.equals(query.createdFrom())) {
        nextWindow();
      } else {
        done = true;
      }
    }
    return next != null;
  }

  @Override
  public EmailLog next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    EmailLog log = next;
    next = null;
    return log;
  }

  private void fetch() {
    Map<String, String> parameters = new LinkedHashMap<>(query.filterParameters());
    if (windowed) {
      parameters.put("startCreatedAt", windowFrom.toString());
      parameters.put("endCreatedAt", windowTo.toString());
    }
    int size = query.pageSize() == null ? DEFAULT_PAGE_SIZE : query.pageSize();
    parameters.put("pageSize", Integer.toString(size));
    if (token != null) {
      parameters.put("pageToken", token);
    }
    Page answer = http.getJson(PATH, parameters, Page.class);
    started = true;
    token = answer.nextPageToken();
    page = answer.emailLogs() == null ? Collections.emptyIterator() : answer.emailLogs().iterator();
  }

  private void nextWindow() {
    if (oldestAt != null) {
      edgeAt = oldestAt;
      edgeKeys = oldestKeys;
    }
    oldestAt = null;
    oldestKeys = new HashSet<>();
    windowTo = windowFrom;
    windowFrom = startOf(windowTo);
    started = false;
    token = null;
  }

  /** True for a log the previous window already gave: created at its oldest instant, seen there. */
  private boolean seenAtTheEdge(EmailLog log) {
    return edgeAt != null && edgeAt.equals(log.createdAt()) && edgeKeys.contains(key(log));
  }

  private void remember(EmailLog log) {
    if (!windowed) {
      return;
    }
    if (oldestAt == null || log.createdAt().isBefore(oldestAt)) {
      oldestAt = log.createdAt();
      oldestKeys = new HashSet<>();
    }
    if (log.createdAt().equals(oldestAt)) {
      oldestKeys.add(key(log));
    }
  }

  private static String key(EmailLog log) {
    return log.refId() + '\n' + log.recipientAddress();
  }

  /** One answer of {@code GET /v1/email/logs}. */
  record Page(List<EmailLog> emailLogs, String nextPageToken) {}
}
