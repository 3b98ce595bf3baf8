package io.emaillogs.benchmarks;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * fanout_abort: {@code n} live streams opened on plain sockets (each waits for its 200), then all
 * aborted with a TCP reset; the server's threads, heap after a full GC ({@code jcmd GC.run}) and
 * connections to its database ({@code pg_stat_activity}), before, while open and after. The round
 * runs twice: the first also starts what the server starts lazily for its first streams (its stream
 * workers, more Grizzly workers), so the second shows whether a round leaves anything.
 */
final class FanoutAbort {
  static final int SETTLE_MS = 5_000;

  private FanoutAbort() {}

  static void run(Bench b, String base, String dbName, int n) throws Exception {
    String path = "/api/domains/" + FanoutBench.DOMAIN + "/log/stream";
    try (FanoutServer server =
        FanoutServer.start(b, "fanout-abort", base, dbName, List.of(FanoutBench.DOMAIN))) {
      Round first = round(server, path, n);
      Round second = round(server, path, n);
      b.report.add(
          Figure.of("fanout_abort.server_threads_after", second.threadsAfter, "")
              .with("before", second.threadsBefore)
              .with("while_open", second.threadsOpen)
              .with("first_round", first.threads())
              .with("streams", n)
              .withGoal("<= before", second.threadsAfter <= second.threadsBefore));
      b.report.add(
          Figure.of("fanout_abort.heap_after_full_gc_mb", second.heapAfter, "MB")
              .with("before_mb", second.heapBefore)
              .with("while_open_mb", second.heapOpen)
              .with("first_round_mb", first.heap())
              .withGoal("<= before + 2 MB", second.heapAfter <= second.heapBefore + 2));
      b.report.add(
          Figure.of("fanout_abort.db_connections_after", second.connsAfter, "")
              .with("before", second.connsBefore)
              .with("while_open", second.connsOpen)
              .with("first_round", first.conns())
              .withGoal("<= before", second.connsAfter <= second.connsBefore));
    }
  }

  record Round(
      int threadsBefore,
      int threadsOpen,
      int threadsAfter,
      double heapBefore,
      double heapOpen,
      double heapAfter,
      long connsBefore,
      long connsOpen,
      long connsAfter) {
    String threads() {
      return threadsBefore + " -> " + threadsOpen + " -> " + threadsAfter;
    }

    String heap() {
      return Figure.format(heapBefore)
          + " -> "
          + Figure.format(heapOpen)
          + " -> "
          + Figure.format(heapAfter);
    }

    String conns() {
      return connsBefore + " -> " + connsOpen + " -> " + connsAfter;
    }
  }

  private static Round round(FanoutServer server, String path, int n) throws Exception {
    Thread.sleep(SETTLE_MS);
    double heapBefore = server.heapAfterFullGcMb();
    int threadsBefore = server.threads();
    long connsBefore = server.connections();
    List<Socket> sockets = new ArrayList<>();
    double heapOpen;
    int threadsOpen;
    long connsOpen;
    try {
      for (int i = 0; i < n; i++) {
        Socket s = new Socket();
        sockets.add(s);
        int status = FanoutClient.openRaw(s, server.port, path, server.token);
        if (status != 200) {
          throw new IOException("stream " + i + " answered " + status);
        }
      }
      threadsOpen = server.threads();
      connsOpen = server.connections();
      heapOpen = server.heapAfterFullGcMb();
    } finally {
      for (Socket s : sockets) {
        s.setSoLinger(true, 0); // close with a reset: an abort, not a goodbye
        s.close();
      }
    }
    Thread.sleep(SETTLE_MS);
    double heapAfter = server.heapAfterFullGcMb();
    int threadsAfter = server.threads();
    long connsAfter = server.connections();
    return new Round(
        threadsBefore,
        threadsOpen,
        threadsAfter,
        heapBefore,
        heapOpen,
        heapAfter,
        connsBefore,
        connsOpen,
        connsAfter);
  }
}
