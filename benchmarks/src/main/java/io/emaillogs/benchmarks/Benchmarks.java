package io.emaillogs.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs the benchmark set on PostgreSQL and prints one line per figure ({@code name: value unit}),
 * then writes the same figures as JSON. See docs/benchmarks.md.
 *
 * <pre>
 * java -jar benchmarks/target/email-logs-benchmarks.jar [--quick] [--only a,b] [--out FILE] [--profile]
 *     [--pg-url JDBC_URL] [--app-jar PATH] [--java-client]
 * </pre>
 *
 * The database comes from {@code --pg-url}, else env {@code EMAIL_LOGS_BENCH_PG_URL}, else {@value
 * BenchDb#DEFAULT_URL}; the run creates a schema of its own there and drops it at the end.
 */
public final class Benchmarks {
  /** The benchmarks in the order they run (the ones that add data come last). */
  static final List<String> ALL =
      List.of(
          "limiter",
          "page_depth",
          "filtered_page",
          "stats",
          "http_query",
          "stream",
          "export",
          "live",
          "fanout",
          "ingest");

  /** Benchmarks that bring their own data (a database of their own), so need no data set. */
  static final Set<String> OWN_DATA = Set.of("fanout");

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    Logging.quiet();
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options.help) {
      System.out.println(Options.USAGE);
      return;
    }
    System.exit(run(options, System.out));
  }

  static int run(Options options, PrintStream out) throws Exception {
    long started = System.nanoTime();
    Sizes sizes = options.quick ? Sizes.QUICK : Sizes.FULL;
    Report report = new Report(out);
    Path benchJar = options.benchJar();
    String classpath =
        benchJar != null ? benchJar.toString() : System.getProperty("java.class.path");
    Path workDir = options.out.toAbsolutePath().getParent();
    LoadGenerator load = options.javaClient ? new LoadGenerator.JavaClient() : LoadGenerator.best();
    BenchDb db = new BenchDb(options.pgUrl, BenchDb.newSchemaName());
    db.keep(options.keepSchema);

    report.run("mode", sizes.mode());
    report.run("startedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    Map<String, Object> machine = machine(db);
    report.run("machine", machine);
    report.run("sizes", sizes.toMap());
    report.run("loadGenerator", load.name());
    out.println(
        "# email-logs benchmarks ("
            + sizes.mode()
            + "): "
            + machine
            + ", load generator "
            + load.name());

    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    db.close();
                  } catch (Exception ignored) {
                    // best effort: the run is being killed
                  }
                }));
    try {
      db.createSchema();
      try (Bench bench =
          new Bench(sizes, report, db, workDir, classpath, options.appJar, load, options.profile)) {
        boolean needsData = options.only.isEmpty() || !OWN_DATA.containsAll(options.only);
        double seconds =
            !needsData
                ? 0
                : DataSet.load(
                    db,
                    bench.reader.id(),
                    bench.reader.tenantId(),
                    sizes.logs(),
                    sizes.streamEvents(),
                    Instant.now().minusSeconds(60));
        if (needsData) {
          out.printf(
              Locale.ROOT,
              "# loaded %,d logs and %,d events in %.1f s (schema %s)%n",
              sizes.logs(),
              sizes.streamEvents(),
              seconds,
              db.schema());
        } else {
          out.println("# no data set loaded: the benchmarks chosen bring their own");
        }
        report.run("loadSeconds", Math.round(seconds * 10) / 10.0);
        for (String name : ALL) {
          if (!options.only.isEmpty() && !options.only.contains(name)) {
            continue;
          }
          long t0 = System.nanoTime();
          try {
            switch (name) {
              case "limiter" -> LimiterBench.run(bench);
              case "page_depth" -> PageDepthBench.run(bench);
              case "filtered_page" -> FilteredPageBench.run(bench);
              case "http_query" -> HttpQueryBench.run(bench);
              case "stream" -> StreamBench.run(bench);
              case "stats" -> StatsBench.run(bench);
              case "export" -> ExportBench.run(bench);
              case "live" -> LiveLatencyBench.run(bench);
              case "fanout" -> FanoutBench.run(bench);
              case "ingest" -> IngestBench.run(bench);
              default -> throw new IllegalStateException(name);
            }
          } catch (Exception | AssertionError e) {
            report.failed(name, e);
            e.printStackTrace(System.err);
          }
          out.printf(Locale.ROOT, "# %s took %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
        }
      }
    } finally {
      db.close();
    }
    double total = (System.nanoTime() - started) / 1e9;
    report.run("durationSeconds", Math.round(total));
    report.write(options.out);
    out.printf(Locale.ROOT, "# done in %.0f s; figures written to %s%n", total, options.out);
    if (options.keepSchema) {
      out.println("# schema kept: DROP SCHEMA " + db.schema() + " CASCADE when done with it");
    }
    List<String> missed = report.missedGoals();
    out.println("# goals missed: " + (missed.isEmpty() ? "none" : String.join("; ", missed)));
    if (!report.failures().isEmpty()) {
      out.println("# benchmarks that failed: " + report.failures());
      return 1;
    }
    return 0;
  }

  static Map<String, Object> machine(BenchDb db) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    long memory = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize() / (1024 * 1024);
    }
    m.put("memoryMb", memory);
    m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    try {
      m.put("postgresql", db.serverVersion());
    } catch (Exception e) {
      m.put("postgresql", "unreachable: " + e.getMessage());
    }
    return m;
  }

  /** The command line. */
  static final class Options {
    static final String USAGE =
        "usage: java -jar email-logs-benchmarks.jar [--quick] [--only "
            + String.join(",", ALL)
            + "] [--out FILE] [--pg-url JDBC_URL] [--app-jar PATH] [--java-client] [--profile] [--keep-schema]";

    boolean quick;
    boolean help;
    boolean javaClient;
    boolean profile;
    boolean keepSchema;
    Set<String> only = new LinkedHashSet<>();
    String pgUrl;
    Path out;
    Path appJar;
    Path jarOverride;

    static Options parse(String[] args) {
      Options o = new Options();
      String env = System.getenv("EMAIL_LOGS_BENCH_PG_URL");
      o.pgUrl = env == null || env.isBlank() ? BenchDb.DEFAULT_URL : env.trim();
      List<String> rest = new ArrayList<>(Arrays.asList(args));
      while (!rest.isEmpty()) {
        String a = rest.remove(0);
        switch (a) {
          case "--quick" -> o.quick = true;
          case "--help", "-h" -> o.help = true;
          case "--java-client" -> o.javaClient = true;
          case "--profile" -> o.profile = true;
          case "--keep-schema" -> o.keepSchema = true;
          case "--only" -> {
            for (String name : value(a, rest).split(",")) {
              if (!ALL.contains(name.strip())) {
                throw new IllegalArgumentException("unknown benchmark: " + name);
              }
              o.only.add(name.strip());
            }
          }
          case "--pg-url" -> o.pgUrl = value(a, rest);
          case "--out" -> o.out = Paths.get(value(a, rest));
          case "--app-jar" -> o.appJar = Paths.get(value(a, rest));
          case "--bench-jar" -> o.jarOverride = Paths.get(value(a, rest));
          default -> throw new IllegalArgumentException("unknown option: " + a);
        }
      }
      Path jarDir =
          o.benchJar() == null ? Paths.get("benchmarks", "target") : o.benchJar().getParent();
      if (o.out == null) {
        o.out = jarDir.resolve("benchmarks.json");
      }
      if (o.appJar == null) {
        o.appJar =
            jarDir.resolve(Paths.get("..", "..", "app", "target", "email-logs.jar")).normalize();
      }
      return o;
    }

    private static String value(String option, List<String> rest) {
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return rest.remove(0);
    }

    /** The jar this runs from (helper servers start from it); null when run from classes. */
    Path benchJar() {
      if (jarOverride != null) {
        return jarOverride.toAbsolutePath();
      }
      try {
        Path p =
            Paths.get(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p.toAbsolutePath() : null;
      } catch (URISyntaxException | RuntimeException e) {
        return null;
      }
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
