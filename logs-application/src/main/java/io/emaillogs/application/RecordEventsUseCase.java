package io.emaillogs.application;

import io.emaillogs.application.port.AppendResult;
import io.emaillogs.domain.RawEvent;
import java.util.List;

/** Ingests a batch of events from the mail pipeline (SPEC section 7). */
public interface RecordEventsUseCase {

  /** The most events one batch may hold. */
  int MAX_BATCH = 10_000;

  /**
   * Validates and stores the batch, all or nothing.
   *
   * @throws io.emaillogs.domain.InvalidEventException {@code event <i>: <what is wrong>}; nothing
   *     is stored
   * @throws io.emaillogs.domain.InvalidRequestException when the batch is larger than {@link
   *     #MAX_BATCH}
   */
  AppendResult record(List<RawEvent> events);
}
