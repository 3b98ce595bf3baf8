package io.emaillogs.adapter.jdbi;

import static io.emaillogs.adapter.jdbi.TestEvents.event;
import static io.emaillogs.adapter.jdbi.TestEvents.queued;
import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.application.port.EventScan;
import io.emaillogs.application.port.LogSearch;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.EventType;
import io.emaillogs.domain.LogEvent;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.account.Account;
import io.emaillogs.domain.account.ApiKey;
import io.emaillogs.domain.account.SendingDomain;
import io.emaillogs.domain.query.DateWindow;
import io.emaillogs.domain.query.LogFilter;
import io.emaillogs.domain.stream.StreamFilter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An H2 file database keeps everything across a close and a reopen. */
class H2RestartTest {
  private static final DateWindow WINDOW =
      DateWindow.of(Instant.parse("2024-01-14T00:00:00Z"), Instant.parse("2024-01-16T00:00:00Z"));

  @TempDir Path dir;

  @Test
  void everythingIsThereAfterAReopen() {
    String url = "jdbc:h2:file:" + dir.resolve("email-logs").toAbsolutePath();
    Account account;
    ApiKey key =
        new ApiKey(
            "00112233aabbccdd",
            0,
            "ci",
            new byte[] {4, 5, 6},
            Instant.parse("2024-01-15T09:00:00Z"),
            null);
    byte[] secret;
    try (JdbiStores stores = JdbiStores.open(url, null, null)) {
      assertThat(stores.isPostgres()).isFalse();
      assertThat(stores.sharedRateLimiter()).isEmpty();
      account = stores.directory().createAccount("Acme", 67890, OptionalInt.of(50));
      key =
          new ApiKey(
              key.keyId(), account.id(), key.name(), key.secretHash(), key.createdAt(), null);
      stores.directory().addKey(key);
      stores.directory().saveDomain(new SendingDomain(account.id(), "sender.example", true));
      secret = stores.directory().pageTokenSecret(() -> new byte[] {42, 43});
      stores
          .logStore()
          .append(List.of(queued("r1", "a@example.com").account(account.id()).tags("t").build()));
      stores
          .logStore()
          .append(
              List.of(
                  event(EventType.DELIVERED, "r1", "a@example.com").account(account.id()).build()));
    }

    try (JdbiStores stores = JdbiStores.open(url, null, null)) {
      assertThat(stores.directory().findAccount(account.id())).contains(account);
      assertThat(stores.directory().findKey(key.keyId())).contains(key);
      assertThat(stores.directory().findDomain(account.id(), "sender.example"))
          .contains(new SendingDomain(account.id(), "sender.example", true));
      assertThat(stores.directory().pageTokenSecret(() -> new byte[] {1})).isEqualTo(secret);
      List<EmailLog> logs =
          stores
              .logStore()
              .findLogs(new LogSearch(account.id(), LogFilter.NONE, WINDOW, null, null, 10));
      assertThat(logs)
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.status()).isEqualTo(LogStatus.DELIVERED);
                assertThat(l.tags()).containsExactly("t");
              });
      assertThat(stores.logStore().lastSequence()).isEqualTo(2);
      stores
          .logStore()
          .append(
              List.of(
                  event(EventType.OPENED, "r1", "a@example.com").account(account.id()).build()));
      List<LogEvent> events = new ArrayList<>();
      stores
          .logStore()
          .scanEvents(
              new EventScan(account.id(), "sender.example", StreamFilter.parse(Map.of()), 0),
              10,
              events::add);
      assertThat(events).extracting(LogEvent::sequence).containsExactly(1L, 2L, 3L);
      assertThat(stores.directory().createAccount("Next", 1, OptionalInt.empty()).id())
          .isGreaterThan(account.id());
    }
  }
}
