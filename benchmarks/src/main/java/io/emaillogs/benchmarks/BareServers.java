package io.emaillogs.benchmarks;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The reference endpoints: Jersey on Grizzly, configured like the service's server, doing no work
 * but writing bytes built before the load starts. What they reach is the limit of the stack.
 */
final class BareServers {
  /** As the service's server: a connection's unsent bytes are bounded, writes block beyond. */
  static final int MAX_PENDING_BYTES = 64 * 1024;

  /** As the service's server: the size of Grizzly's worker pool. */
  static final int WORKER_THREADS = 16;

  private BareServers() {}

  /** Starts Jersey/Grizzly on {@code 127.0.0.1:port} (0: any free port) with {@code resources}. */
  static HttpServer start(int port, Object... resources) throws IOException {
    ResourceConfig config =
        new ResourceConfig()
            .property(ServerProperties.WADL_FEATURE_DISABLE, true)
            .property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE_SERVER, true)
            .property(CommonProperties.JSON_PROCESSING_FEATURE_DISABLE_SERVER, true)
            .property(CommonProperties.MOXY_JSON_FEATURE_DISABLE_SERVER, true);
    for (Object r : resources) {
      config.register(r);
    }
    HttpServer server =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:" + port + "/"), config, false);
    for (NetworkListener listener : server.getListeners()) {
      listener
          .getTransport()
          .getAsyncQueueIO()
          .getWriter()
          .setMaxPendingBytesPerConnection(MAX_PENDING_BYTES);
      listener
          .getTransport()
          .setWorkerThreadPoolConfig(
              ThreadPoolConfig.defaultConfig()
                  .setPoolName("bare-http")
                  .setCorePoolSize(WORKER_THREADS)
                  .setMaxPoolSize(WORKER_THREADS));
    }
    server.start();
    return server;
  }

  static int port(HttpServer server) {
    return server.getListeners().iterator().next().getPort();
  }

  /** {@code GET /bare/logs}: the same body every time, built before the load. */
  @Path("/bare/logs")
  public static final class FixedBody {
    private final byte[] body;

    FixedBody(byte[] body) {
      this.body = body.clone();
    }

    @GET
    @Produces("application/json")
    public byte[] get() {
      return body;
    }
  }

  /**
   * {@code GET /bare/stream?count=N}: N pre-built events in SSE frames of {@code batch} events
   * ({@code event: logs}, {@code id}, {@code data: [...]}), then {@code event: complete}; each
   * frame flushed, each write blocking while the client is behind (no unbounded queue).
   */
  @Path("/bare/stream")
  public static final class PrebuiltStream {
    private final byte[] dataOfFullBatch;
    private final List<String> events;

    /** {@code events}: one batch of event JSON objects as the service writes them. */
    PrebuiltStream(List<String> events) {
      if (events.isEmpty()) {
        throw new IllegalArgumentException("no events");
      }
      this.events = List.copyOf(events);
      this.dataOfFullBatch = dataLine(this.events).getBytes(StandardCharsets.UTF_8);
    }

    private static String dataLine(List<String> events) {
      return "data: [" + String.join(",", events) + "]\n\n";
    }

    @GET
    @Produces("text/event-stream")
    public Response get(@QueryParam("count") @DefaultValue("500000") long count) {
      StreamingOutput body = out -> write(out, count);
      return Response.ok(body).header("Cache-Control", "no-cache").build();
    }

    void write(OutputStream raw, long count) throws IOException {
      // buffered like the service's SSE writer, and flushed after each frame as it is
      OutputStream out = new java.io.BufferedOutputStream(raw, 32 * 1024);
      int batch = events.size();
      long sent = 0;
      while (sent < count) {
        int n = (int) Math.min(batch, count - sent);
        sent += n;
        out.write(("event: logs\nid: " + sent + "\n").getBytes(StandardCharsets.US_ASCII));
        if (n == batch) {
          out.write(dataOfFullBatch);
        } else {
          out.write(dataLine(events.subList(0, n)).getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
      }
      out.write(
          ("event: complete\ndata: {\"count\":" + sent + ",\"reason\":\"end\"}\n\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    /** The whole stream in memory; for tests. */
    byte[] render(long count) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      write(out, count);
      return out.toByteArray();
    }
  }
}
