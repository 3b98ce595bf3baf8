package io.emaillogs.adapter.jersey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.junit.jupiter.api.Test;

class DrainingExecutorsTest {
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final RequestExecutorProvider workers = request -> pool;
  private final Draining draining = new Draining();
  private final Executor executor = new DrainingExecutors(workers, draining).getExecutor(null);

  @Test
  void a_running_pool_runs_the_request() throws Exception {
    AtomicReference<Thread> ran = new AtomicReference<>();
    executor.execute(() -> ran.set(Thread.currentThread()));
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ran.get()).isNotNull().isNotSameAs(Thread.currentThread());
  }

  @Test
  void a_stopped_pool_while_draining_runs_the_request_on_the_reading_thread() {
    pool.shutdownNow();
    draining.begin();
    AtomicReference<Thread> ran = new AtomicReference<>();
    executor.execute(() -> ran.set(Thread.currentThread()));
    assertThat(ran.get()).isSameAs(Thread.currentThread());
  }

  @Test
  void a_refusal_when_not_draining_is_not_hidden() {
    pool.shutdownNow();
    assertThatThrownBy(() -> executor.execute(() -> {}))
        .isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void a_request_already_on_its_thread_stays_there() {
    RequestExecutorProvider sameThread = request -> null;
    assertThat(new DrainingExecutors(sameThread, draining).getExecutor(null)).isNull();
  }
}
