package io.emaillogs.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.adapter.inmemory.InMemoryDirectory;
import io.emaillogs.adapter.inmemory.InMemoryLogStore;
import io.emaillogs.adapter.inmemory.InMemoryRateLimiter;
import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.ProvisioningUseCase.CreateAccount;
import io.emaillogs.application.SearchLogsUseCase.LogPage;
import io.emaillogs.application.SearchLogsUseCase.SearchLogsQuery;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.RawEvent;
import io.emaillogs.domain.account.Account;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keeps the README's embedding example compiling, working, and identical to the README. */
class EmbeddingExampleTest {

  @Test
  void the_readme_example_runs() {
    // README:begin
    EmailLogs logs =
        EmailLogs.builder()
            .store(new InMemoryLogStore())
            .directory(new InMemoryDirectory())
            .rateLimiter(new InMemoryRateLimiter())
            .build();
    Account acme = logs.provisioning().createAccount(new CreateAccount("Acme", 67890L, null));
    logs.recordEvents()
        .record(
            List.of(
                RawEvent.queued(
                    acme.id(),
                    "msg-1",
                    "bob@example.com",
                    "2024-01-15T10:30:00Z",
                    "news@acme.com",
                    "Welcome"),
                RawEvent.of(
                    "delivered", acme.id(), "msg-1", "bob@example.com", "2024-01-15T10:30:02Z")));
    LogPage page =
        logs.searchLogs()
            .search(
                new SearchLogsQuery(
                    acme.id(),
                    Map.of(
                        "startCreatedAt", List.of("2024-01-15T00:00:00Z"),
                        "endCreatedAt", List.of("2024-01-16T00:00:00Z"))));
    // README:end

    assertThat(page.logs()).hasSize(1);
    EmailLog log = page.logs().get(0);
    assertThat(log.status()).isEqualTo(LogStatus.DELIVERED);
    assertThat(log.tenantId()).isEqualTo(67890L);
    assertThat(page.nextPageToken()).isEmpty();
  }

  @Test
  void the_readme_shows_exactly_this_example() throws IOException {
    String source =
        Files.readString(Path.of("src/test/java/io/emaillogs/app/EmbeddingExampleTest.java"));
    String example =
        source.substring(
            source.indexOf("// README:begin") + "// README:begin".length(),
            source.indexOf("    // README:end"));
    String readme = Files.readString(Path.of("../README.md"));
    assertThat(squash(readme)).contains(squash(example));
  }

  private static String squash(String code) {
    return code.replaceAll("\\s+", " ").strip();
  }
}
