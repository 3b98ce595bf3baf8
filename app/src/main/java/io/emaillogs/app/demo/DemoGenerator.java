package io.emaillogs.app.demo;

import static io.emaillogs.app.demo.DemoVocabulary.BOUNCES;
import static io.emaillogs.app.demo.DemoVocabulary.BROWSERS;
import static io.emaillogs.app.demo.DemoVocabulary.BUSINESS_DOMAINS;
import static io.emaillogs.app.demo.DemoVocabulary.CAMPAIGNS;
import static io.emaillogs.app.demo.DemoVocabulary.DEFERRALS;
import static io.emaillogs.app.demo.DemoVocabulary.FAILURES;
import static io.emaillogs.app.demo.DemoVocabulary.OPENERS;

import io.emaillogs.app.demo.DemoVocabulary.Campaign;
import io.emaillogs.domain.RawEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Makes up the life of realistic messages of the demo shop: who they go to, what they say, and what
 * happens to each recipient (sent, delivered, opened, clicked, bounced, deferred...). Deterministic
 * for a given {@link Random}. Not thread-safe.
 */
final class DemoGenerator {

  /** An event and when it happens; {@code order} keeps generation order among equal times. */
  record Timed(Instant at, long order, RawEvent event) {}

  private final DemoRandom random;
  private final long accountId;
  private final double timeScale;
  private final List<String> customers;
  private final String eventIdPrefix;
  private long order;
  private final long firstOrderNumber;
  private long orderNumber;
  private long invoiceNumber;

  /**
   * @param timeScale multiplies every delay between a message's events (1 for history, less for
   *     live traffic so that it moves quickly)
   * @param eventIdPrefix prefix of the generated eventIds, or null to leave them out
   * @param firstOrderNumber the first order number used (invoices count from a tenth of it)
   */
  DemoGenerator(
      Random random,
      long accountId,
      double timeScale,
      String eventIdPrefix,
      long firstOrderNumber) {
    this.random = new DemoRandom(random);
    this.firstOrderNumber = firstOrderNumber;
    this.orderNumber = firstOrderNumber;
    this.invoiceNumber = firstOrderNumber / 10;
    this.accountId = accountId;
    this.timeScale = timeScale;
    this.eventIdPrefix = eventIdPrefix;
    this.customers = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      customers.add(this.random.customerAddress());
    }
  }

  Kind randomKind() {
    double r = random.nextDouble();
    return r < 0.33
        ? Kind.ORDER
        : r < 0.48
            ? Kind.SHIPPING
            : r < 0.53 ? Kind.PASSWORD_RESET : r < 0.88 ? Kind.NEWSLETTER : Kind.INVOICE;
  }

  Kind randomTransactionalKind() {
    double r = random.nextDouble();
    return r < 0.45
        ? Kind.ORDER
        : r < 0.75 ? Kind.SHIPPING : r < 0.85 ? Kind.PASSWORD_RESET : Kind.INVOICE;
  }

  Random random() {
    return random.source();
  }

  /**
   * Every event of one message, queued at {@code createdAt}: one log per recipient. A newsletter
   * goes to one recipient of {@code campaign}; other kinds may copy someone.
   *
   * @return the events, in no particular order; the caller sorts them by time
   */
  List<Timed> message(Kind kind, Instant createdAt, Campaign campaign) {
    String refId = random.ulid(createdAt);
    String customer = random.pick(customers);
    String subject;
    String campaignId = null;
    String url;
    List<String> tags = new ArrayList<>(kind.tags);
    String priority = null;
    List<String[]> recipients = new ArrayList<>(); // {address, type}
    recipients.add(new String[] {customer, null});
    switch (kind) {
      case ORDER -> {
        String number = "A" + orderNumber++;
        subject =
            random.nextBoolean()
                ? "Order confirmation #" + number
                : "Thanks for your order #" + number;
        url =
            "https://acme-shop.com/account/orders/"
                + number
                + utm("transactional", "order-confirmation");
        if (random.nextDouble() < 0.08) {
          recipients.add(new String[] {random.pick(customers), "cc"});
        }
      }
      case SHIPPING -> {
        String number = "A" + Math.max(firstOrderNumber, orderNumber - 1 - random.nextInt(300));
        subject =
            random.nextDouble() < 0.7
                ? "Your order #" + number + " has shipped"
                : "Your package is out for delivery";
        url = "https://track.acme-shop.com/" + number + utm("transactional", "shipping");
      }
      case PASSWORD_RESET -> {
        subject = "Reset your Acme Shop password";
        priority = "high";
        url = "https://acme-shop.com/account/reset?token=" + Long.toHexString(random.nextLong());
      }
      case INVOICE -> {
        String number =
            "INV-"
                + createdAt.atZone(ZoneOffset.UTC).getYear()
                + "-"
                + String.format(Locale.ROOT, "%06d", invoiceNumber++);
        subject =
            random.nextDouble() < 0.75
                ? "Your invoice " + number + " is ready"
                : "Payment received - thank you";
        url = "https://billing.acme-shop.com/invoices/" + number;
        String domain = customer.substring(customer.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (BUSINESS_DOMAINS.contains(domain) && random.nextDouble() < 0.5) {
          recipients.add(new String[] {"accounts-payable@" + domain, "cc"});
        }
        if (random.nextDouble() < 0.15) {
          recipients.add(new String[] {"archive@acme-shop.com", "bcc"});
        }
      }
      default -> { // NEWSLETTER
        Campaign c = campaign != null ? campaign : random.pick(CAMPAIGNS);
        subject = c.subject();
        campaignId = c.id();
        tags.add(c.id());
        url = "https://acme-shop.com" + c.path() + utm("newsletter", c.id());
      }
    }
    List<Timed> events = new ArrayList<>();
    for (String[] recipient : recipients) {
      lifecycle(
          events,
          kind,
          refId,
          recipient[0],
          recipient[1],
          createdAt,
          subject,
          priority,
          campaignId,
          tags,
          url);
    }
    return events;
  }

  private void lifecycle(
      List<Timed> out,
      Kind kind,
      String refId,
      String recipient,
      String recipientType,
      Instant queuedAt,
      String subject,
      String priority,
      String campaignId,
      List<String> tags,
      String url) {
    out.add(
        timed(
            queuedAt,
            new RawEvent(
                eventId(),
                "queued",
                accountId,
                refId,
                recipient,
                queuedAt.toString(),
                kind.from,
                subject,
                recipientType,
                priority,
                campaignId,
                List.copyOf(tags),
                null,
                null,
                null,
                null)));
    double outcome = random.nextDouble();
    if (outcome < 0.004) {
      return; // still held in the queue (the receiving domain throttles us)
    }
    if (outcome < 0.015) {
      String type = random.nextBoolean() ? "failed" : "permanent_fail";
      add(
          out,
          type,
          refId,
          recipient,
          queuedAt,
          random.seconds(1, 8),
          random.pick(FAILURES),
          null,
          null,
          null);
      return;
    }
    Instant sent =
        add(out, "sent", refId, recipient, queuedAt, random.seconds(1, 6), null, null, null, null);
    if (outcome < 0.025) {
      return; // no answer from the receiving server yet
    }
    if (outcome < 0.065) {
      String reason = random.pick(BOUNCES).replace("{rcpt}", recipient);
      add(out, "bounced", refId, recipient, sent, random.seconds(2, 90), reason, null, null, null);
      return;
    }
    Instant delivered;
    if (outcome < 0.115) {
      String type = random.nextDouble() < 0.7 ? "deferred" : "temporary_fail";
      Instant deferred =
          add(
              out,
              type,
              refId,
              recipient,
              sent,
              random.seconds(2, 60),
              random.pick(DEFERRALS),
              null,
              null,
              null);
      if (random.nextDouble() < 0.2) {
        add(
            out,
            "failed",
            refId,
            recipient,
            deferred,
            random.seconds(3_600, 4 * 3_600),
            "Delivery retries exhausted: 421 4.7.0 Try again later",
            null,
            null,
            null);
        return;
      }
      delivered =
          add(
              out,
              "delivered",
              refId,
              recipient,
              deferred,
              random.seconds(300, 3_600),
              null,
              null,
              null,
              null);
    } else {
      delivered =
          add(
              out,
              "delivered",
              refId,
              recipient,
              sent,
              random.seconds(1, 30),
              null,
              null,
              null,
              null);
    }
    if ("bcc".equals(recipientType)) {
      return; // an archive mailbox reads nothing
    }
    Instant last = delivered;
    boolean opened = random.nextDouble() < kind.openRate;
    if (opened) {
      String[] opener = OPENERS[random.nextInt(OPENERS.length)];
      String ip = random.ip(opener);
      int opens = 1 + (random.nextDouble() < 0.3 ? 1 + random.nextInt(3) : 0);
      Instant at = delivered;
      for (int i = 0; i < opens; i++) {
        long mean = i == 0 ? 3 * 3_600 : 12 * 3_600;
        at =
            add(
                out,
                "opened",
                refId,
                recipient,
                at,
                random.exponential(60, mean),
                null,
                opener[0],
                ip,
                null);
      }
      last = at;
    }
    boolean clicks = opened ? random.nextDouble() < kind.clickRate : random.nextDouble() < 0.02;
    if (clicks) {
      String browser = random.pick(BROWSERS);
      String ip = random.ip(new String[] {browser, "*"});
      last =
          add(
              out,
              "clicked",
              refId,
              recipient,
              last,
              random.seconds(5, 600),
              null,
              browser,
              ip,
              url);
    }
    if (kind == Kind.NEWSLETTER) {
      double r = random.nextDouble();
      if (r < 0.004) {
        add(
            out,
            "spam",
            refId,
            recipient,
            last,
            random.seconds(60, 86_400),
            null,
            null,
            null,
            null);
      } else if (opened && r < 0.04) {
        add(
            out,
            "unsubscribed",
            refId,
            recipient,
            last,
            random.seconds(10, 600),
            null,
            random.pick(BROWSERS),
            null,
            "https://acme-shop.com/unsubscribe");
      }
    }
  }

  private Instant add(
      List<Timed> out,
      String type,
      String refId,
      String recipient,
      Instant after,
      long delayMillis,
      String reason,
      String userAgent,
      String ip,
      String url) {
    Instant at = after.plusMillis(Math.max(1, Math.round(delayMillis * timeScale)));
    out.add(
        timed(
            at,
            new RawEvent(
                eventId(),
                type,
                accountId,
                refId,
                recipient,
                at.toString(),
                null,
                null,
                null,
                null,
                null,
                null,
                reason,
                userAgent,
                ip,
                url)));
    return at;
  }

  private Timed timed(Instant at, RawEvent event) {
    return new Timed(at, order++, event);
  }

  private String eventId() {
    return eventIdPrefix == null ? null : eventIdPrefix + order;
  }

  private static String utm(String medium, String campaign) {
    return "?utm_source=acme-shop&utm_medium=" + medium + "&utm_campaign=" + campaign;
  }
}
