package io.emaillogs.application.port;

import io.emaillogs.domain.stream.StreamFilter;
import java.util.Objects;

/**
 * One history or tail read for {@link LogStore#scanEvents}: the events of {@code accountId} whose
 * sender domain is {@code senderDomain} (lower case), that pass {@code filter} (its limit is not
 * the store's concern), with a sequence above {@code afterSequence}, in sequence order.
 */
public record EventScan(
    long accountId, String senderDomain, StreamFilter filter, long afterSequence) {
  public EventScan {
    Objects.requireNonNull(senderDomain, "senderDomain");
    Objects.requireNonNull(filter, "filter");
  }
}
