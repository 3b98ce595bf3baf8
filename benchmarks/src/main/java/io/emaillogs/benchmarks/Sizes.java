package io.emaillogs.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How big each benchmark is. {@link #FULL} is the workload; {@link #QUICK} is a smaller run
 * of the same set (the same figures, noisier) that finishes in under three minutes.
 *
 * @param logs logs of the read benchmarks' account, spread over the 7-day window
 * @param streamEvents events of the history stream (stream_ratio)
 * @param ingestEvents events ingested through the use case (ingest_ratio), in batches of 1,000
 * @param loadSeconds measured seconds of each HTTP load (split in two rounds, ABBA)
 * @param warmupSeconds unmeasured seconds of load before each
 * @param liveSeconds seconds of ingestion at 1,000 events/s (live_latency_ms)
 * @param pageSamples timings of page 1 and page 1,000 each (page_depth_ratio)
 * @param filterSamples timings of each filtered page (filtered_page_ms)
 * @param limiterCalls timed calls of the PostgreSQL-shared limiter (the in-process one: 1,000x)
 * @param streamRuns measured streams of each server (after one warm-up run each)
 */
record Sizes(
    String mode,
    int logs,
    int streamEvents,
    int ingestEvents,
    int loadSeconds,
    int warmupSeconds,
    int liveSeconds,
    int pageSamples,
    int filterSamples,
    int limiterCalls,
    int streamRuns) {

  static final Sizes FULL =
      new Sizes("full", 1_000_000, 500_000, 200_000, 20, 5, 30, 200, 400, 2_000, 3);

  static final Sizes QUICK = new Sizes("quick", 100_000, 50_000, 20_000, 8, 3, 10, 50, 100, 500, 3);

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", mode);
    m.put("logs", logs);
    m.put("streamEvents", streamEvents);
    m.put("ingestEvents", ingestEvents);
    m.put("loadSeconds", loadSeconds);
    m.put("warmupSeconds", warmupSeconds);
    m.put("liveSeconds", liveSeconds);
    m.put("pageSamples", pageSamples);
    m.put("filterSamples", filterSamples);
    m.put("limiterCalls", limiterCalls);
    m.put("streamRuns", streamRuns);
    return m;
  }
}
