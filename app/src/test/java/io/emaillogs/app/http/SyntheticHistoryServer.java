package io.emaillogs.app.http;

import io.emaillogs.adapter.inmemory.InMemoryDirectory;
import io.emaillogs.adapter.inmemory.InMemoryRateLimiter;
import io.emaillogs.adapter.jersey.EmailLogsHttpServer;
import io.emaillogs.adapter.jersey.HttpOptions;
import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.ProvisioningUseCase.CreateAccount;
import io.emaillogs.application.ProvisioningUseCase.NewKey;
import io.emaillogs.application.port.AppendResult;
import io.emaillogs.application.port.EventScan;
import io.emaillogs.application.port.LogSearch;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventDetails;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.IngestEvent;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.account.Account;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A server for a JVM of its own (see {@link BoundedHeapStreamTest}): its store makes up a history
 * of {@code args[0]} events as they are scanned, so the heap holds only what the stream holds.
 * Prints {@code READY <port> <token>}, serves until stdin closes, then prints {@code PEAK_HEAP
 * <most used> <most live after a collection>} in bytes.
 */
public final class SyntheticHistoryServer {
  private SyntheticHistoryServer() {}

  public static void main(String[] args) throws Exception {
    long total = Long.parseLong(args[0]);
    EmailLogs logs =
        EmailLogs.builder()
            .store(new SyntheticStore(total))
            .directory(new InMemoryDirectory())
            .rateLimiter(new InMemoryRateLimiter())
            .build();
    Account account = logs.provisioning().createAccount(new CreateAccount("Big", 1L, null));
    NewKey key = logs.provisioning().createKey(account.id(), "k");
    logs.provisioning().registerDomain(account.id(), "example.com", true);

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    List<MemoryPoolMXBean> heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
            .toList();
    AtomicLong peak = new AtomicLong();
    AtomicLong peakAfterGc = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(
        () -> {
          peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          long afterGc = heapPools.stream().mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
          peakAfterGc.accumulateAndGet(afterGc, Math::max);
        },
        0,
        20,
        TimeUnit.MILLISECONDS);

    try (EmailLogsHttpServer server = EmailLogsHttpServer.start(logs, HttpOptions.of(0))) {
      System.out.println("READY " + server.port() + " " + key.token());
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until the parent closes stdin
      }
    }
    sampler.shutdownNow();
    System.out.println("PEAK_HEAP " + peak.get() + " " + peakAfterGc.get());
    System.out.flush();
  }

  /** Events 1..total of one sender domain, made up on demand; nothing else. */
  static final class SyntheticStore implements LogStore {
    private static final Instant BASE = Instant.parse("2024-01-15T00:00:00Z");
    private final long total;

    SyntheticStore(long total) {
      this.total = total;
    }

    @Override
    public int scanEvents(EventScan scan, int limit, Predicate<LogEvent> sink) {
      int handed = 0;
      for (long seq = scan.afterSequence() + 1; seq <= total && handed < limit; seq++) {
        LogEvent event =
            new LogEvent(
                seq,
                "e" + seq,
                EventType.DELIVERED,
                BASE.plusMillis(seq),
                scan.accountId(),
                "ref-" + seq,
                "recipient" + seq + "@example.org",
                "news@example.com",
                "example.com",
                "Your weekly digest #" + seq,
                null,
                List.of("digest"),
                EventDetails.NONE);
        if (!scan.filter().matches(event)) {
          continue;
        }
        handed++;
        if (!sink.test(event)) {
          break;
        }
      }
      return handed;
    }

    @Override
    public List<EmailLog> findMessage(long accountId, String refId) {
      return List.of();
    }

    @Override
    public List<LogEvent> messageEvents(long accountId, String refId) {
      return List.of();
    }

    @Override
    public List<io.emaillogs.domain.stats.HourlyCounts> countByHour(
        io.emaillogs.application.port.StatsSearch search) {
      return List.of();
    }

    @Override
    public long lastSequence() {
      return total;
    }

    @Override
    public List<LogEvent> readEventsAfter(long afterSequence, int limit) {
      return List.of(); // history only: nothing is ever appended
    }

    @Override
    public Subscription subscribe(Runnable listener) {
      return () -> {};
    }

    @Override
    public List<EmailLog> findLogs(LogSearch search) {
      return List.of();
    }

    @Override
    public AppendResult append(List<IngestEvent> events) {
      throw new UnsupportedOperationException("read-only");
    }

    @Override
    public int purgeCreatedBefore(Instant cutoff) {
      return 0;
    }

    @Override
    public boolean isHealthy() {
      return true;
    }

    @Override
    public void close() {}
  }
}
