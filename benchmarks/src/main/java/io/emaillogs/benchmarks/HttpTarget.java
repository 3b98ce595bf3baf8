package io.emaillogs.benchmarks;

import io.emaillogs.adapter.inmemory.InMemoryRateLimiter;
import io.emaillogs.adapter.jdbi.JdbiStores;
import io.emaillogs.adapter.jersey.EmailLogsHttpServer;
import io.emaillogs.adapter.jersey.HttpOptions;
import io.emaillogs.application.EmailLogs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.glassfish.grizzly.http.server.HttpServer;

/**
 * The server process of http_query_ratio: the service (the Jersey adapter on the PostgreSQL stores,
 * wired as the app wires them, shared rate limiter included) and, in the same JVM on a port of its
 * own, a bare Jersey/Grizzly endpoint configured alike that answers with the bytes the service gave
 * for the same request, built once. Prints {@code ready real=<port> bare=<port> bytes=<n>
 * local=<port>} (local: the service again, with the in-process limiter) and serves until killed or
 * until its standard input closes.
 *
 * <pre>java -cp email-logs-benchmarks.jar io.emaillogs.benchmarks.HttpTarget JDBC_URL TOKEN</pre>
 */
public final class HttpTarget {
  private HttpTarget() {}

  public static void main(String[] args) throws Exception {
    Logging.quiet();
    String url = args[0];
    String token = args[1];
    JdbiStores stores = JdbiStores.open(url, null, null);
    EmailLogs logs =
        EmailLogs.builder()
            .store(stores.logStore())
            .directory(stores.directory())
            .rateLimiter(stores.sharedRateLimiter().orElseGet(InMemoryRateLimiter::new))
            .build();
    EmailLogsHttpServer real = EmailLogsHttpServer.start(logs, HttpOptions.of(0));
    // the same service with the in-process limiter: shows what the shared limiter costs
    EmailLogs localLimited =
        EmailLogs.builder()
            .store(stores.logStore())
            .directory(stores.directory())
            .rateLimiter(new InMemoryRateLimiter())
            .build();
    EmailLogsHttpServer local = EmailLogsHttpServer.start(localLimited, HttpOptions.of(0));
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<byte[]> page =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + real.port() + HttpQueryBench.PATH))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (page.statusCode() != 200) {
      throw new IllegalStateException(
          "the service answered " + page.statusCode() + ": " + new String(page.body()));
    }
    HttpServer bare = BareServers.start(0, new BareServers.FixedBody(page.body()));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  bare.shutdownNow();
                  real.close();
                  local.close();
                  stores.close();
                }));
    System.out.println(
        "ready real="
            + real.port()
            + " bare="
            + BareServers.port(bare)
            + " bytes="
            + page.body().length
            + " local="
            + local.port());
    System.out.flush();
    while (System.in.read() >= 0) {
      // serve until the parent goes away
    }
    System.exit(0);
  }
}
