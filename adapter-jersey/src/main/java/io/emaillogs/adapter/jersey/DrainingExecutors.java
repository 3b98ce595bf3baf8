package io.emaillogs.adapter.jersey;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;

/**
 * Grizzly's worker-thread provider, but a request read while the server stops still gets an answer.
 * {@code HttpServer.shutdownNow} stops the worker pool before it closes the kept-alive connections;
 * a request read on one of them in between is handed to a pool that refuses it, and Grizzly turns
 * the {@link RejectedExecutionException} into a 500. Once the server is draining, such a request
 * runs on the thread that read it instead: {@link RequestGuard} answers it with the draining 503 at
 * once, without touching the store.
 */
final class DrainingExecutors implements RequestExecutorProvider {
  private final RequestExecutorProvider workers;
  private final Draining draining;

  DrainingExecutors(RequestExecutorProvider workers, Draining draining) {
    this.workers = workers;
    this.draining = draining;
  }

  @Override
  public Executor getExecutor(Request request) {
    Executor pool = workers.getExecutor(request);
    return pool == null ? null : task -> execute(pool, task);
  }

  private void execute(Executor pool, Runnable task) {
    try {
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      if (!draining.isDraining()) {
        throw e;
      }
      task.run();
    }
  }
}
