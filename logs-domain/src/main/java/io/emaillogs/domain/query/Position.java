package io.emaillogs.domain.query;

import io.emaillogs.domain.EmailLog;
import java.time.Instant;
import java.util.Objects;

/**
 * A place in the newest-first order ({@code createdAt} descending, then {@code id} descending): a
 * page continues with the logs strictly after it.
 */
public record Position(Instant createdAt, long id) {
  public Position {
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The position of {@code log}. */
  public static Position of(EmailLog log) {
    return new Position(log.createdAt(), log.id());
  }

  /** True when {@code log} comes strictly after this position in newest-first order. */
  public boolean precedes(EmailLog log) {
    int c = log.createdAt().compareTo(createdAt);
    return c < 0 || (c == 0 && log.id() < id);
  }
}
