package io.emaillogs.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's own arithmetic and parsing, without a database or a server. */
class HarnessTest {

  @Test
  void percentiles_are_nearest_rank() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[i] = 100 - i; // 100..1, unsorted on purpose
    }
    Stats s = Stats.of(values);
    assertThat(s.p50()).isEqualTo(50);
    assertThat(s.p99()).isEqualTo(99);
    assertThat(s.percentile(100)).isEqualTo(100);
    assertThat(s.percentile(0)).isEqualTo(1);
    assertThat(s.mean()).isEqualTo(50.5);
    assertThat(Stats.of(new double[] {7}).p99()).isEqualTo(7);
    assertThat(Stats.ofNanosAsMillis(new long[] {1_500_000, 2_500_000}).p50()).isEqualTo(1.5);
    assertThatThrownBy(() -> Stats.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gc_log_gives_the_peak_before_collection_and_the_largest_live_set() {
    GcLog gc =
        GcLog.parse(
            List.of(
                "[0.010s][info][gc] Using G1",
                "[1.234s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M)"
                    + " 2.345ms",
                "[2.000s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause)"
                    + " 102400K->20480K(262144K) 1.000ms",
                "[3.000s][info][gc] GC(2) Pause Full (G1 Compaction Pause) 1G->50M(1G) 90ms"));
    assertThat(gc.collections()).isEqualTo(3);
    assertThat(gc.peakBeforeMb()).isEqualTo(1024);
    assertThat(gc.peakAfterMb()).isEqualTo(50);
    assertThat(gc.maxCommittedMb()).isEqualTo(1024);
    assertThat(GcLog.parse(List.of("[0.1s][info][gc] Using G1")).collections()).isZero();
  }

  @Test
  void gc_log_gives_the_range_after_collection_over_its_last_seconds(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path log = dir.resolve("gc.log");
    java.nio.file.Files.write(
        log,
        List.of(
            "[0.010s][info][gc] Using G1",
            "[10.0s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->90M(256M) 2ms",
            "[75.0s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 40M->30M(256M) 1ms",
            "[80.0s][info][gc] GC(2) Pause Young (Normal) (G1 Evacuation Pause)"
                + " 102400K->20480K(262144K) 1ms"));
    assertThat(GcLog.afterCollections(log, 60)).containsExactly(20.0, 30.0);
    assertThat(GcLog.afterCollections(dir.resolve("none.log"), 60))
        .containsExactly(Double.NaN, Double.NaN);
  }

  @Test
  void wrk_output_is_read_for_requests_errors_and_latency() throws Exception {
    String out =
        "Running 10s test @ http://127.0.0.1:8080/v1/email/logs?pageSize=50\n"
            + "  2 threads and 32 connections\n"
            + "  Thread Stats   Avg      Stdev     Max   +/- Stdev\n"
            + "    Latency     2.10ms    1.00ms  31.00ms   90.00%\n"
            + "    Req/Sec     7.60k   500.00     8.20k    70.00%\n"
            + "  Latency Distribution\n"
            + "     50%    1.90ms\n"
            + "     75%    2.50ms\n"
            + "     90%    3.10ms\n"
            + "     99%    1.20s \n"
            + "  151234 requests in 10.02s, 1.20GB read\n"
            + "  Socket errors: connect 0, read 2, write 0, timeout 1\n"
            + "  Non-2xx or 3xx responses: 17\n"
            + "Requests/sec:  15093.21\n"
            + "Transfer/sec:    122.00MB\n";
    LoadGenerator.Result r = LoadGenerator.Wrk.parse(out);
    assertThat(r.requests()).isEqualTo(151_234);
    assertThat(r.seconds()).isEqualTo(10.02);
    assertThat(r.non2xx()).isEqualTo(17);
    assertThat(r.errors()).isEqualTo(3);
    assertThat(r.p50Ms()).isCloseTo(1.9, within(1e-9));
    assertThat(r.p99Ms()).isCloseTo(1200, within(1e-9));
    assertThat(r.requestsPerSecond()).isCloseTo(15_093.2, within(0.1));
    assertThatThrownBy(() -> LoadGenerator.Wrk.parse("unable to connect"))
        .hasMessageContaining("unexpected wrk output");
  }

  @Test
  void sse_count_finds_events_split_across_reads_and_the_complete_count() throws Exception {
    BareServers.PrebuiltStream stream =
        new BareServers.PrebuiltStream(
            List.of("{\"id\":1,\"eventType\":\"queued\",\"details\":{}}", "{\"id\":2,\"x\":[{}]}"));
    byte[] body = stream.render(5); // two full frames and one of one event
    String text = new String(body, StandardCharsets.UTF_8);
    assertThat(text).startsWith("event: logs\nid: 2\ndata: [{\"id\":1,");
    assertThat(text).contains("event: logs\nid: 5\ndata: [{\"id\":1,\"eventType\":\"queued\"");
    assertThat(text).endsWith("event: complete\ndata: {\"count\":5,\"reason\":\"end\"}\n\n");
    for (int chunk : new int[] {1, 2, 3, 7, body.length}) {
      SseCount count = new SseCount();
      for (int off = 0; off < body.length; off += chunk) {
        count.accept(body, off, Math.min(chunk, body.length - off));
      }
      assertThat(count.events()).as("chunks of %d", chunk).isEqualTo(5);
      assertThat(count.bytes()).isEqualTo(body.length);
      assertThat(count.completeCount()).isEqualTo(5);
      assertThat(count.completeReason()).isEqualTo("end");
    }
    SseCount cut = new SseCount();
    cut.accept(body, 0, body.length / 2);
    assertThat(cut.completeCount()).isEqualTo(-1);
  }

  @Test
  void the_sample_batch_is_the_first_logs_frame_of_the_service() throws Exception {
    String sse =
        ": hello\n\nevent: logs\nid: 2\ndata: [{\"id\":1,\"tags\":[\"a\"]},{\"id\":2,\"details\":{}}]\n\n"
            + "event: logs\nid: 3\ndata: [{\"id\":3}]\n\n";
    assertThat(StreamBench.eventsOfFirstBatch(sse))
        .containsExactly("{\"id\":1,\"tags\":[\"a\"]}", "{\"id\":2,\"details\":{}}");
    assertThatThrownBy(() -> StreamBench.eventsOfFirstBatch("event: complete\ndata: {}\n\n"))
        .hasMessageContaining("no logs event");
  }

  @Test
  void a_figure_prints_as_name_value_unit_with_its_reference_and_verdict() {
    Figure f =
        Figure.of("page_depth_ratio", 1.0412, "")
            .with("offset_ratio", 46.73)
            .withGoal("<= 1.3", true);
    assertThat(f.line())
        .isEqualTo("page_depth_ratio: 1.04   [offset_ratio=46.7, goal <= 1.3: met]");
    assertThat(Figure.of("x", 2308.4, "us").line()).isEqualTo("x: 2308 us");
    assertThat(Figure.of("y", 0.0496, "").withGoal(">= 0.5", false).line())
        .isEqualTo("y: 0.0496   [goal >= 0.5: MISSED]");
  }

  @Test
  void the_report_writes_every_figure_and_lists_the_missed_goals(@TempDir Path dir)
      throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Report report = new Report(new PrintStream(printed, true, StandardCharsets.UTF_8));
    report.run("mode", "quick");
    report.add(Figure.of("a", 1, "ms").withGoal("<= 2", true));
    report.add(Figure.of("b", 0.1, "").with("ref", 3).withGoal(">= 0.5", false));
    report.failed("stream", new IllegalStateException("boom"));
    Path file = dir.resolve("out/benchmarks.json");
    report.write(file);

    assertThat(printed.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "a: 1 ms   [goal <= 2: met]",
            "b: 0.10   [ref=3, goal >= 0.5: MISSED]",
            "stream: FAILED java.lang.IllegalStateException: boom");
    assertThat(report.missedGoals()).containsExactly("b 0.10 (goal >= 0.5)");
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.path("run").path("mode").asText()).isEqualTo("quick");
    assertThat(json.path("figures")).hasSize(2);
    assertThat(json.path("figures").get(1).path("met").asBoolean()).isFalse();
    assertThat(json.path("figures").get(1).path("details").path("ref").asInt()).isEqualTo(3);
    assertThat(json.path("failures").get(0).asText()).contains("boom");
  }

  @Test
  void options_default_to_the_issue_database_and_refuse_what_they_do_not_know() {
    Benchmarks.Options o = Benchmarks.Options.parse(new String[] {"--quick", "--only", "stream"});
    assertThat(o.quick).isTrue();
    assertThat(o.only).containsExactly("stream");
    assertThat(o.pgUrl)
        .isEqualTo(
            System.getenv("EMAIL_LOGS_BENCH_PG_URL") == null
                ? BenchDb.DEFAULT_URL
                : System.getenv("EMAIL_LOGS_BENCH_PG_URL").trim());
    assertThat(o.out.getFileName().toString()).isEqualTo("benchmarks.json");
    assertThat(o.appJar.toString())
        .endsWith("app/target/email-logs.jar".replace('/', java.io.File.separatorChar));
    assertThatThrownBy(() -> Benchmarks.Options.parse(new String[] {"--only", "nope"}))
        .hasMessageContaining("unknown benchmark: nope");
    assertThatThrownBy(() -> Benchmarks.Options.parse(new String[] {"--fast"}))
        .hasMessageContaining("unknown option");
    assertThatThrownBy(() -> Benchmarks.Options.parse(new String[] {"--out"}))
        .hasMessageContaining("needs a value");
  }

  @Test
  void the_schema_url_keeps_the_base_parameters() {
    assertThat(BenchDb.withSchema("jdbc:postgresql://h:5432/test?user=postgres", "bench_1"))
        .isEqualTo("jdbc:postgresql://h:5432/test?user=postgres&currentSchema=bench_1");
    assertThat(BenchDb.withSchema("jdbc:postgresql://h/test", "bench_1"))
        .isEqualTo("jdbc:postgresql://h/test?currentSchema=bench_1");
    assertThat(BenchDb.newSchemaName()).matches("bench_\\d+_\\d+");
    assertThatThrownBy(() -> new BenchDb("jdbc:postgresql://h/test", "x; DROP"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void soak_minutes_keep_every_latency_of_their_minute_from_many_threads() throws Exception {
    SoakMinutes minutes = new SoakMinutes(2);
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      int offset = t;
      threads[t] =
          new Thread(
              () -> {
                for (int i = offset; i < 10_000; i += 4) {
                  minutes.add(1, (i + 1) * 1_000_000L); // 1..10,000 ms
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    minutes.add(2, 7_000_000L);
    assertThat(minutes.count(0)).isZero();
    assertThat(minutes.count(1)).isEqualTo(10_000);
    assertThat(minutes.p50(1)).isEqualTo(5_000.0);
    assertThat(minutes.p99(1)).isEqualTo(9_900.0);
    assertThat(minutes.p99(2)).isEqualTo(7.0);
  }

  @Test
  void the_live_heap_is_the_total_of_a_class_histogram() {
    String histogram =
        "1053:\n num     #instances         #bytes  class name (module)\n"
            + "   1:         61152        9182392  [B (java.base@17.0.15)\n"
            + "Total        430559       24407464\n";
    assertThat(LiveHeap.parse(histogram)).isEqualTo(24_407_464L);
    assertThat(LiveHeap.parse("1053:\nCould not attach")).isEqualTo(-1L);
    assertThat(LiveHeap.bytes(ProcessHandle.current().pid())).isPositive();
  }

  @Test
  void the_server_p99_is_the_bucket_of_the_minutes_own_requests() {
    String before =
        "http_server_requests_seconds_bucket{application=\"email-logs\",method=\"POST\",route=\"/admin/events\",status=\"202\",le=\"0.05\"} 100\n"
            + "http_server_requests_seconds_bucket{application=\"email-logs\",method=\"POST\",route=\"/admin/events\",status=\"202\",le=\"0.1\"} 100\n"
            + "http_server_requests_seconds_bucket{application=\"email-logs\",method=\"POST\",route=\"/admin/events\",status=\"202\",le=\"1.0\"} 100\n"
            + "http_server_requests_seconds_bucket{application=\"email-logs\",method=\"POST\",route=\"/admin/events\",status=\"202\",le=\"+Inf\"} 100\n";
    // the next minute: 100 more calls, 2 of them between 100 ms and 1 s
    String after =
        before
            .replace("le=\"0.05\"} 100", "le=\"0.05\"} 190")
            .replace("le=\"0.1\"} 100", "le=\"0.1\"} 198")
            .replace("le=\"1.0\"} 100", "le=\"1.0\"} 200")
            .replace("le=\"+Inf\"} 100", "le=\"+Inf\"} 200");
    var a = ServerLatency.parse(before).get("/admin/events");
    var b = ServerLatency.parse(after).get("/admin/events");
    assertThat(ServerLatency.p99(a, b)).isEqualTo("1000 ms");
    assertThat(ServerLatency.p99(null, a)).isEqualTo("50 ms");
    assertThat(ServerLatency.p99(b, b)).isEqualTo("-");
  }
}
