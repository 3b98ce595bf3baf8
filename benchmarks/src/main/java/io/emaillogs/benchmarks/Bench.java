package io.emaillogs.benchmarks;

import io.emaillogs.adapter.inmemory.InMemoryRateLimiter;
import io.emaillogs.adapter.jdbi.JdbiStores;
import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.ProvisioningUseCase.CreateAccount;
import io.emaillogs.application.port.RateLimiter;
import io.emaillogs.domain.account.Account;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * What every benchmark of a run shares: the sizes, the report, the database and its stores, the use
 * cases wired on them as the app wires them, and the accounts the data belongs to.
 */
final class Bench implements AutoCloseable {
  /** A limit no benchmark reaches: the limiter still runs on every request, and always passes. */
  static final int NO_LIMIT = 1_000_000_000;

  final Sizes sizes;
  final Report report;
  final BenchDb db;
  final Path workDir;

  /** The class path helper server JVMs start with: this jar, or this JVM's class path. */
  final String classpath;

  final Path appJar;
  final LoadGenerator load;

  /** Record a JFR profile of each server JVM into {@link #workDir} ({@code --profile}). */
  final boolean profile;

  final JdbiStores stores;
  final RateLimiter limiter;
  final EmailLogs logs;
  final Account reader;
  final String readerToken;
  final Account ingester;
  final String adminToken;

  Bench(
      Sizes sizes,
      Report report,
      BenchDb db,
      Path workDir,
      String classpath,
      Path appJar,
      LoadGenerator load,
      boolean profile) {
    this.profile = profile;
    this.sizes = sizes;
    this.report = report;
    this.db = db;
    this.workDir = workDir;
    this.classpath = classpath;
    this.appJar = appJar;
    this.load = load;
    this.stores = JdbiStores.open(db.url(), null, null);
    this.limiter = stores.sharedRateLimiter().orElseGet(InMemoryRateLimiter::new);
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    this.adminToken = HexFormat.of().formatHex(secret);
    this.logs =
        EmailLogs.builder()
            .store(stores.logStore())
            .directory(stores.directory())
            .rateLimiter(limiter)
            .adminToken(adminToken)
            .build();
    this.reader =
        logs.provisioning().createAccount(new CreateAccount("Bench reader", 67_890L, NO_LIMIT));
    this.readerToken = logs.provisioning().createKey(reader.id(), "bench").token();
    logs.provisioning().registerDomain(reader.id(), DataSet.DOMAIN, true);
    this.ingester =
        logs.provisioning().createAccount(new CreateAccount("Bench ingester", 67_891L, NO_LIMIT));
    logs.provisioning().registerDomain(ingester.id(), IngestBench.DOMAIN, true);
  }

  /**
   * {@code heap} (may be empty) plus, with {@code --profile}, a JFR recording named {@code name}.
   */
  java.util.List<String> jvmArgs(String name, String... heap) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(heap));
    if (profile) {
      args.add(
          "-XX:StartFlightRecording=settings=profile,filename="
              + workDir.resolve(name + ".jfr").toAbsolutePath());
    }
    return args;
  }

  @Override
  public void close() {
    stores.close();
  }
}
