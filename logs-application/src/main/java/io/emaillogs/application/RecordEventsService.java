package io.emaillogs.application;

import io.emaillogs.application.port.AppendResult;
import io.emaillogs.application.port.Directory;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.RawEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

final class RecordEventsService implements RecordEventsUseCase {
  private final LogStore store;
  private final Directory directory;

  RecordEventsService(LogStore store, Directory directory) {
    this.store = store;
    this.directory = directory;
  }

  @Override
  public AppendResult record(List<RawEvent> events) {
    if (events.size() > MAX_BATCH) {
      throw new InvalidRequestException("a batch holds at most " + MAX_BATCH + " events");
    }
    Map<Long, OptionalLong> tenants = new HashMap<>();
    IngestEvent.TenantLookup lookup =
        accountId ->
            tenants.computeIfAbsent(
                accountId,
                id ->
                    directory
                        .findAccount(id)
                        .map(a -> OptionalLong.of(a.tenantId()))
                        .orElse(OptionalLong.empty()));
    List<IngestEvent> valid = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      // an event without an eventId gets a random one: it is never a duplicate
      valid.add(IngestEvent.validate(i, events.get(i), "gen-" + UUID.randomUUID(), lookup));
    }
    if (valid.isEmpty()) {
      return new AppendResult(0, 0);
    }
    return store.append(valid);
  }
}
