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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a batch and appends it. An account's tenant never changes and an account is never
 * deleted, so the tenants found are kept (up to {@value #TENANTS_KEPT} accounts, then forgotten all
 * at once): a steady stream of ingest calls costs the append's transaction, not a directory read as
 * well. An account not found is looked up again next time.
 */
final class RecordEventsService implements RecordEventsUseCase {
  static final int TENANTS_KEPT = 10_000;

  private final LogStore store;
  private final Directory directory;
  private final Map<Long, Long> knownTenants = new ConcurrentHashMap<>();

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
        accountId -> tenants.computeIfAbsent(accountId, this::tenantOf);
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

  private OptionalLong tenantOf(long accountId) {
    Long known = knownTenants.get(accountId);
    if (known != null) {
      return OptionalLong.of(known);
    }
    OptionalLong found =
        directory
            .findAccount(accountId)
            .map(a -> OptionalLong.of(a.tenantId()))
            .orElse(OptionalLong.empty());
    if (found.isPresent()) {
      if (knownTenants.size() >= TENANTS_KEPT) {
        knownTenants.clear();
      }
      knownTenants.put(accountId, found.getAsLong());
    }
    return found;
  }
}
