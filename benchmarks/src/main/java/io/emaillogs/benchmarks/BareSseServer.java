package io.emaillogs.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glassfish.grizzly.http.server.HttpServer;

/**
 * The reference server of stream_ratio, started in a JVM with the same heap as the service's: a
 * bare Jersey/Grizzly SSE endpoint ({@code GET /bare/stream?count=N}) pushing pre-built events,
 * read at start from a file of event JSON objects, one a line (a batch the service sent). Prints
 * {@code listening on http://127.0.0.1:<port>} and serves until killed or its input closes.
 *
 * <pre>java -Xmx256m -cp email-logs-benchmarks.jar io.emaillogs.benchmarks.BareSseServer FILE</pre>
 */
public final class BareSseServer {
  private BareSseServer() {}

  public static void main(String[] args) throws Exception {
    Logging.quiet();
    List<String> events = Files.readAllLines(Path.of(args[0]));
    events.removeIf(String::isBlank);
    HttpServer server = BareServers.start(0, new BareServers.PrebuiltStream(events));
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    System.out.println("listening on http://127.0.0.1:" + BareServers.port(server));
    System.out.flush();
    while (System.in.read() >= 0) {
      // serve until the parent goes away
    }
    System.exit(0);
  }
}
