package io.emaillogs.app.cli;

import io.emaillogs.adapter.jersey.HttpOptions;
import io.emaillogs.app.EmailLogsServer;
import io.emaillogs.app.Stores;
import io.emaillogs.app.demo.DemoData;
import io.emaillogs.app.demo.DemoTraffic;
import io.emaillogs.application.EmailLogs;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code demo}: a server on an in-memory store seeded with one shop's logs, with live traffic. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Serves an in-memory store seeded with about 10,000 logs of one shop over the last 14"
            + " days, with new traffic every second, and prints an admin token, a customer token"
            + " and curl lines.")
public final class DemoCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

  @Spec CommandSpec spec;

  @Mixin ListenOptions listen;

  @Mixin LogOptions logging;

  @Override
  public Integer call() throws Exception {
    HttpOptions http = listen.http(); // refuses a bad flag before the store opens
    logging.apply();
    Clock clock = Clock.systemUTC();
    String adminToken = randomToken();
    Stores stores = Stores.inMemory(clock);
    EmailLogs logs =
        EmailLogs.builder()
            .store(stores.logStore())
            .directory(stores.directory())
            .rateLimiter(stores.rateLimiter())
            .clock(clock)
            .adminToken(adminToken)
            .build();
    long started = System.nanoTime();
    DemoData.Seeded seeded = DemoData.seed(logs, clock);
    LOG.info(
        "demo: seeded {} logs ({} events) in {} ms",
        seeded.logs(),
        seeded.events(),
        (System.nanoTime() - started) / 1_000_000);
    DemoTraffic traffic = DemoTraffic.start(logs, seeded.accountId(), clock, Duration.ofSeconds(1));
    EmailLogsServer server = EmailLogsServer.launch(logs, http, List.of(traffic, stores));

    PrintWriter out = spec.commandLine().getOut();
    String base = server.address();
    String auth = "-H \"Authorization: Bearer " + seeded.customerToken() + "\"";
    out.println(
        "demo account: "
            + seeded.accountId()
            + " (tenant "
            + DemoData.TENANT_ID
            + "), "
            + seeded.logs()
            + " logs over the last 14 days, sending domains "
            + String.join(", ", DemoData.SENDING_DOMAINS));
    out.println("admin token: " + adminToken);
    out.println("customer token: " + seeded.customerToken());
    out.println("curl " + auth + " \"" + base + "/v1/email/logs?pageSize=5\"");
    out.println(
        "curl -N "
            + auth
            + " \""
            + base
            + "/api/domains/"
            + DemoData.SENDING_DOMAINS.get(0)
            + "/log/stream\"");
    out.println("browser viewer: " + base + "/ui/ (sign in with the customer token)");
    return Foreground.run(server, out);
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
