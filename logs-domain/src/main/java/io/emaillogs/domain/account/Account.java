package io.emaillogs.domain.account;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A customer account. {@code rateLimitPerMinute} overrides the server's default request limit when
 * present.
 */
public record Account(long id, String name, long tenantId, OptionalInt rateLimitPerMinute) {
  public Account {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rateLimitPerMinute, "rateLimitPerMinute");
  }
}
