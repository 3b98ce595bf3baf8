package io.emaillogs.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.emaillogs.adapter.inmemory.InMemoryDirectory;
import io.emaillogs.adapter.inmemory.InMemoryLogStore;
import io.emaillogs.adapter.inmemory.InMemoryRateLimiter;
import io.emaillogs.app.EmailLogsServer;
import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.ProvisioningUseCase.CreateAccount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's "Operator calls" block with bash and curl, as a reader would paste it, against
 * a server on the in-memory store, and checks that every answer the README shows after {@code # ->}
 * comes, in order ({@code ...} stands for anything). Outside CI, skipped where bash or curl is
 * missing.
 */
class ReadmeOperatorExampleTest {
  private static final String ADMIN = "admin-token-for-the-readme";
  private static final Pattern SHOWN = Pattern.compile("(?m)^# -> (\\d{3})(?: (.*))?$");

  @Test
  void the_operator_block_answers_what_the_readme_shows() throws Exception {
    assumeTrue(
        "true".equals(System.getenv("CI")) || (onPath("bash") && onPath("curl")),
        "bash and curl are needed to run the README's operator block");
    String readme = Files.readString(Path.of("../README.md"));
    String block = bashBlockAfter(readme, "### Operator calls");
    EmailLogs logs =
        EmailLogs.builder()
            .store(new InMemoryLogStore())
            .directory(new InMemoryDirectory())
            .rateLimiter(new InMemoryRateLimiter())
            .adminToken(ADMIN)
            .build();
    // the demo's account comes first, so the README's account is the second, as it shows
    logs.provisioning().createAccount(new CreateAccount("Demo", 12345L, null));
    try (EmailLogsServer server = EmailLogsServer.launch(logs, "127.0.0.1", 0, List.of())) {
      String out = bash(block, server.address());

      List<String> shown = shownAnswers(block);
      assertThat(shown).as("answers the README shows").hasSizeGreaterThanOrEqualTo(6);
      int at = 0;
      for (String answer : shown) {
        for (String piece : answer.split("\\.\\.\\.")) {
          int found = out.indexOf(piece, at);
          assertThat(found)
              .as("'%s' of %s after offset %d in:%n%s", piece, answer, at, out)
              .isGreaterThanOrEqualTo(0);
          at = found + piece.length();
        }
      }

      // then the Operations section's scrape: the calls above, by route template and status
      String scraped = bash(bashBlockAfter(readme, "## Operations"), server.address());
      assertThat(scraped)
          .contains("method=\"POST\",route=\"/admin/accounts\",status=\"201\"} 1")
          .contains("method=\"POST\",route=\"/admin/events\",status=\"202\"} 2")
          .contains("method=\"GET\",route=\"/v1/email/logs\",status=\"200\"} 1")
          .contains("route=\"/admin/accounts/{id}/keys/{keyId}\",status=\"204\"} 1");
    }
  }

  /** The first bash block after {@code heading}. */
  private static String bashBlockAfter(String readme, String heading) {
    String section = readme.substring(readme.indexOf(heading));
    int open = section.indexOf("```bash\n") + "```bash\n".length();
    return section.substring(open, section.indexOf("\n```", open));
  }

  /** Runs {@code script} as a reader would paste it, against {@code base}; its output. */
  private static String bash(String script, String base) throws Exception {
    ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script);
    bash.environment().put("BASE", base);
    bash.environment().put("ADMIN", ADMIN);
    bash.redirectErrorStream(true);
    Process process = bash.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  /**
   * What each {@code # -> <status> <body>} line shows: the body, or the status alone when the block
   * prints only the status (curl's {@code -w '%{http_code}'}).
   */
  private static List<String> shownAnswers(String block) {
    List<String> shown = new ArrayList<>();
    Matcher m = SHOWN.matcher(block);
    while (m.find()) {
      shown.add(m.group(2) == null ? m.group(1) : m.group(2));
    }
    return shown;
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
