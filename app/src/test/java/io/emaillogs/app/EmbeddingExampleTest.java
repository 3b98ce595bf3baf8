package io.emaillogs.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.adapter.inmemory.InMemoryDirectory;
import io.emaillogs.adapter.inmemory.InMemoryLogStore;
import io.emaillogs.adapter.inmemory.InMemoryRateLimiter;
import io.emaillogs.adapter.jersey.EmailLogsHttpServer;
import io.emaillogs.adapter.jersey.HttpOptions;
import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.ProvisioningUseCase.CreateAccount;
import io.emaillogs.application.ProvisioningUseCase.NewKey;
import io.emaillogs.application.SearchLogsUseCase.LogPage;
import io.emaillogs.application.SearchLogsUseCase.SearchLogsQuery;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.RawEvent;
import io.emaillogs.domain.account.Account;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's embedding examples compiling, working, and identical to the README: the
 * imports, the in-memory use of the library, and the HTTP server started in-process.
 */
class EmbeddingExampleTest {

  @Test
  void the_readme_example_runs() {
    // README:library:begin
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
    // README:library:end

    assertThat(page.logs()).hasSize(1);
    EmailLog log = page.logs().get(0);
    assertThat(log.status()).isEqualTo(LogStatus.DELIVERED);
    assertThat(log.tenantId()).isEqualTo(67890L);
    assertThat(page.nextPageToken()).isEmpty();
  }

  @Test
  void the_readme_server_example_serves_http() throws Exception {
    // README:server:begin
    EmailLogs logs =
        EmailLogs.builder()
            .store(new InMemoryLogStore())
            .directory(new InMemoryDirectory())
            .rateLimiter(new InMemoryRateLimiter())
            .adminToken("change-me") // turns the operator API on
            .build();
    Account acme = logs.provisioning().createAccount(new CreateAccount("Acme", 67890L, null));
    NewKey key = logs.provisioning().createKey(acme.id(), "dashboard");
    try (EmailLogsHttpServer http = EmailLogsHttpServer.start(logs, HttpOptions.of(0))) {
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(http.baseUri().resolve("/v1/email/logs"))
                      .header("Authorization", "Bearer " + key.token())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      System.out.println(answer.statusCode() + " " + answer.body()); // 200 {"success":true,...
      // README:server:end
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).startsWith("{\"success\":true");
    }
  }

  @Test
  void the_readme_shows_exactly_these_examples() throws IOException {
    String source =
        Files.readString(Path.of("src/test/java/io/emaillogs/app/EmbeddingExampleTest.java"));
    String readme = squash(Files.readString(Path.of("../README.md")));
    for (String part : List.of("library", "server")) {
      assertThat(readme).as(part).contains(squash(between(source, part)));
    }
  }

  @Test
  void the_readme_lists_the_imports_the_examples_need() throws IOException {
    List<String> source =
        Files.readAllLines(Path.of("src/test/java/io/emaillogs/app/EmbeddingExampleTest.java"))
            .stream()
            .filter(line -> line.startsWith("import "))
            .filter(line -> TEST_ONLY.stream().noneMatch(line::contains))
            .toList();
    String readme = Files.readString(Path.of("../README.md"));
    String marker = "The imports of both examples below:";
    String block = readme.substring(readme.indexOf(marker));
    int open = block.indexOf("```java") + "```java".length();
    block = block.substring(open, block.indexOf("```", open));
    List<String> shown = block.strip().lines().toList();
    assertThat(shown).containsExactlyElementsOf(source);
  }

  /** Imports of this test's own checks, not of the examples. */
  private static final List<String> TEST_ONLY =
      List.of(
          "org.assertj",
          "domain.EmailLog;",
          "domain.LogStatus;",
          "java.io.IOException;",
          "java.nio.file.",
          "org.junit");

  private static String between(String source, String part) {
    String begin = "// README:" + part + ":begin";
    String end = "// README:" + part + ":end";
    String block = source.substring(source.indexOf(begin) + begin.length(), source.indexOf(end));
    return block.substring(0, block.lastIndexOf('\n')); // without the end marker's indent
  }

  private static String squash(String code) {
    return code.replaceAll("\\s+", " ").strip();
  }
}
