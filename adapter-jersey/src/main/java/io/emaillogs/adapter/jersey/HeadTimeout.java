package io.emaillogs.adapter.jersey;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Closes a connection whose request head (request line and headers) has not fully arrived within a
 * deadline from its first byte: a slow-loris client that sends a header byte a second holds a
 * connection for {@code timeout}, not for ever. Grizzly's keep-alive timeout covers idle
 * connections between requests, and its header-size limit covers long heads, but neither a head
 * that trickles in.
 *
 * <p>Two filters around Grizzly's HTTP codec share the state: the one before it sees raw bytes and
 * arms the deadline when bytes arrive with no request in progress; the one after it sees the parsed
 * request and disarms it. The request's last body chunk makes the connection idle again.
 */
final class HeadTimeout implements AddOn {
  private final long timeoutNanos;
  private final ScheduledExecutorService timer;
  private final Map<Connection<?>, Head> heads = new ConcurrentHashMap<>();

  private HeadTimeout(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "email-logs-head-timeout");
              t.setDaemon(true);
              return t;
            });
  }

  static HeadTimeout of(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("head timeout must be positive: " + timeout);
    }
    return new HeadTimeout(timeout);
  }

  @Override
  public void setup(NetworkListener listener, FilterChainBuilder builder) {
    int codec = builder.indexOfType(HttpServerFilter.class);
    builder.add(codec + 1, new Parsed());
    builder.add(codec, new Raw());
  }

  /** Stops the timer; open deadlines no longer fire. */
  void shutdown() {
    timer.shutdownNow();
  }

  private final class Raw extends BaseFilter {
    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
      Connection<?> connection = ctx.getConnection();
      Head head = heads.computeIfAbsent(connection, c -> new Head());
      synchronized (head) {
        if (head.deadline == null && !head.inRequest) {
          head.deadline =
              timer.schedule(
                  () -> {
                    synchronized (head) {
                      if (head.deadline != null) {
                        connection.closeSilently();
                      }
                    }
                  },
                  timeoutNanos,
                  TimeUnit.NANOSECONDS);
        }
      }
      return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) throws IOException {
      Head head = heads.remove(ctx.getConnection());
      if (head != null) {
        synchronized (head) {
          head.disarm();
        }
      }
      return ctx.getInvokeAction();
    }
  }

  private final class Parsed extends BaseFilter {
    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
      Object message = ctx.getMessage();
      Head head = heads.get(ctx.getConnection());
      if (head != null && message instanceof HttpContent content) {
        synchronized (head) {
          head.disarm();
          head.inRequest = !content.isLast();
        }
      }
      return ctx.getInvokeAction();
    }
  }

  /** One connection's state: a head deadline while armed; inRequest while a body is read. */
  private static final class Head {
    ScheduledFuture<?> deadline;
    boolean inRequest;

    void disarm() {
      if (deadline != null) {
        deadline.cancel(false);
        deadline = null;
      }
    }
  }
}
