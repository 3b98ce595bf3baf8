package io.emaillogs.app.demo;

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

  /** The kinds of mail the shop sends. */
  enum Kind {
    ORDER("orders@mail.acme-shop.com", 0.55, 0.25, List.of("transactional", "order-confirmation")),
    SHIPPING("orders@mail.acme-shop.com", 0.50, 0.40, List.of("transactional", "shipping")),
    PASSWORD_RESET("no-reply@mail.acme-shop.com", 0.70, 0.60, List.of("transactional", "security")),
    NEWSLETTER("newsletter@news.acme-shop.com", 0.25, 0.20, List.of("marketing", "newsletter")),
    INVOICE("billing@billing.acme-shop.com", 0.45, 0.30, List.of("billing", "invoice"));

    final String from;
    final double openRate;
    final double clickRate;
    final List<String> tags;

    Kind(String from, double openRate, double clickRate, List<String> tags) {
      this.from = from;
      this.openRate = openRate;
      this.clickRate = clickRate;
      this.tags = tags;
    }
  }

  /** A newsletter campaign. */
  record Campaign(String id, String subject, String path) {}

  static final List<Campaign> CAMPAIGNS =
      List.of(
          new Campaign("new-arrivals", "New arrivals: summer essentials are here", "/new"),
          new Campaign("spring-sale", "Spring Sale: 30% off everything this weekend", "/sale"),
          new Campaign("weekly-digest", "Your weekly picks from Acme Shop", "/picks"),
          new Campaign("loyalty-rewards", "You've earned 250 loyalty points", "/account/rewards"),
          new Campaign("flash-sale-48h", "48-hour flash sale starts now", "/flash-sale"));

  static final List<String> BOUNCES =
      List.of(
          "550 5.1.1 The email account that you tried to reach does not exist",
          "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table",
          "552 5.2.2 The email account that you tried to reach is over quota",
          "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
          "554 5.7.1 Service unavailable; Client host blocked using zen.spamhaus.org");

  static final List<String> DEFERRALS =
      List.of(
          "421 4.7.0 Try again later",
          "421 4.7.0 Try again later, closing connection",
          "451 4.7.1 Greylisted, please try again in 300 seconds",
          "450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents"
              + " additional messages from being delivered",
          "452 4.2.2 The email account that you tried to reach is over quota");

  static final List<String> FAILURES =
      List.of(
          "554 5.7.1 Message rejected: content policy violation",
          "550 5.7.26 Unauthenticated email is not accepted due to the sender domain's DMARC policy",
          "Delivery retries exhausted: 421 4.7.0 Try again later",
          "553 5.1.3 Invalid recipient address syntax");

  /** Mail clients seen opening messages, with the networks they open from. */
  private static final String[][] OPENERS = {
    {
      "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
      "66.249.84",
      "74.125.210"
    },
    {
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Mobile/15E148",
      "*"
    },
    {
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
      "*"
    },
    {"Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17531; Pro)", "*"},
    {
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.6367.82 Mobile Safari/537.36",
      "*"
    },
    {"YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html", "98.136.5"},
  };

  /** Browsers seen following links. */
  private static final List<String> BROWSERS =
      List.of(
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/124.0.0.0 Safari/537.36",
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like"
              + " Gecko) Version/17.4.1 Safari/605.1.15",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML,"
              + " like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
          "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/124.0.6367.82 Mobile Safari/537.36",
          "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0");

  /** First octets of public address blocks used for made-up client addresses. */
  private static final int[] PUBLIC_BLOCKS = {
    24, 31, 46, 62, 77, 81, 86, 93, 109, 151, 178, 185, 212, 217
  };

  private static final List<String> FIRST_NAMES =
      List.of(
          "james",
          "mary",
          "john",
          "patricia",
          "robert",
          "jennifer",
          "michael",
          "linda",
          "william",
          "elizabeth",
          "david",
          "barbara",
          "richard",
          "susan",
          "joseph",
          "jessica",
          "thomas",
          "sarah",
          "charles",
          "karen",
          "daniel",
          "nancy",
          "matthew",
          "lisa",
          "anthony",
          "sophie",
          "lucas",
          "emma",
          "noah",
          "olivia",
          "liam",
          "mia",
          "leon",
          "hannah",
          "hugo",
          "chloe",
          "mateo",
          "lucia",
          "yuki",
          "aarav",
          "priya",
          "omar",
          "fatima",
          "chen",
          "mei",
          "ivan",
          "olga",
          "pierre",
          "camille");

  private static final List<String> LAST_NAMES =
      List.of(
          "smith",
          "johnson",
          "williams",
          "brown",
          "jones",
          "garcia",
          "miller",
          "davis",
          "rodriguez",
          "martinez",
          "hernandez",
          "lopez",
          "wilson",
          "anderson",
          "taylor",
          "thomas",
          "moore",
          "jackson",
          "martin",
          "lee",
          "thompson",
          "white",
          "harris",
          "clark",
          "lewis",
          "walker",
          "young",
          "allen",
          "king",
          "wright",
          "mueller",
          "schmidt",
          "dubois",
          "rossi",
          "kowalski",
          "nakamura",
          "patel",
          "kim",
          "nguyen",
          "silva",
          "jensen",
          "novak");

  private static final String[] MAILBOX_DOMAINS = {
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "outlook.com",
    "outlook.com",
    "hotmail.com",
    "yahoo.com",
    "yahoo.com",
    "icloud.com",
    "icloud.com",
    "proton.me",
    "gmx.de",
    "web.de",
    "orange.fr",
    "northwind-traders.com",
    "contoso.com",
    "globex.io",
    "initech.com",
    "umbrella-corp.net"
  };

  private static final List<String> BUSINESS_DOMAINS =
      List.of(
          "northwind-traders.com", "contoso.com", "globex.io", "initech.com", "umbrella-corp.net");

  private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private final Random random;
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
    this.random = random;
    this.firstOrderNumber = firstOrderNumber;
    this.orderNumber = firstOrderNumber;
    this.invoiceNumber = firstOrderNumber / 10;
    this.accountId = accountId;
    this.timeScale = timeScale;
    this.eventIdPrefix = eventIdPrefix;
    this.customers = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      customers.add(customerAddress());
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
    return random;
  }

  /**
   * Every event of one message, queued at {@code createdAt}: one log per recipient. A newsletter
   * goes to one recipient of {@code campaign}; other kinds may copy someone.
   *
   * @return the events, in no particular order; the caller sorts them by time
   */
  List<Timed> message(Kind kind, Instant createdAt, Campaign campaign) {
    String refId = ulid(createdAt);
    String customer = pick(customers);
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
          recipients.add(new String[] {pick(customers), "cc"});
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
        Campaign c = campaign != null ? campaign : pick(CAMPAIGNS);
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
      add(out, type, refId, recipient, queuedAt, seconds(1, 8), pick(FAILURES), null, null, null);
      return;
    }
    Instant sent =
        add(out, "sent", refId, recipient, queuedAt, seconds(1, 6), null, null, null, null);
    if (outcome < 0.025) {
      return; // no answer from the receiving server yet
    }
    if (outcome < 0.065) {
      String reason = pick(BOUNCES).replace("{rcpt}", recipient);
      add(out, "bounced", refId, recipient, sent, seconds(2, 90), reason, null, null, null);
      return;
    }
    Instant delivered;
    if (outcome < 0.115) {
      String type = random.nextDouble() < 0.7 ? "deferred" : "temporary_fail";
      Instant deferred =
          add(out, type, refId, recipient, sent, seconds(2, 60), pick(DEFERRALS), null, null, null);
      if (random.nextDouble() < 0.2) {
        add(
            out,
            "failed",
            refId,
            recipient,
            deferred,
            seconds(3_600, 4 * 3_600),
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
              seconds(300, 3_600),
              null,
              null,
              null,
              null);
    } else {
      delivered =
          add(out, "delivered", refId, recipient, sent, seconds(1, 30), null, null, null, null);
    }
    if ("bcc".equals(recipientType)) {
      return; // an archive mailbox reads nothing
    }
    Instant last = delivered;
    boolean opened = random.nextDouble() < kind.openRate;
    if (opened) {
      String[] opener = OPENERS[random.nextInt(OPENERS.length)];
      String ip = ip(opener);
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
                exponential(60, mean),
                null,
                opener[0],
                ip,
                null);
      }
      last = at;
    }
    boolean clicks = opened ? random.nextDouble() < kind.clickRate : random.nextDouble() < 0.02;
    if (clicks) {
      String browser = pick(BROWSERS);
      String ip = ip(new String[] {browser, "*"});
      last = add(out, "clicked", refId, recipient, last, seconds(5, 600), null, browser, ip, url);
    }
    if (kind == Kind.NEWSLETTER) {
      double r = random.nextDouble();
      if (r < 0.004) {
        add(out, "spam", refId, recipient, last, seconds(60, 86_400), null, null, null, null);
      } else if (opened && r < 0.04) {
        add(
            out,
            "unsubscribed",
            refId,
            recipient,
            last,
            seconds(10, 600),
            null,
            pick(BROWSERS),
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

  /** A uniform delay in [min, max) seconds, as milliseconds. */
  private long seconds(long min, long max) {
    return (min * 1_000) + (long) (random.nextDouble() * (max - min) * 1_000);
  }

  /** An exponentially distributed delay of the given mean, at least {@code min} seconds. */
  private long exponential(long min, long mean) {
    return (long) ((min - mean * Math.log(1 - random.nextDouble())) * 1_000);
  }

  private String ip(String[] client) {
    if (client.length > 1 && !client[1].equals("*")) {
      String prefix = client[1 + random.nextInt(client.length - 1)];
      return prefix + "." + (1 + random.nextInt(254));
    }
    int first = PUBLIC_BLOCKS[random.nextInt(PUBLIC_BLOCKS.length)];
    return first
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + (1 + random.nextInt(254));
  }

  private String customerAddress() {
    String first = pick(FIRST_NAMES);
    String last = pick(LAST_NAMES);
    String domain = MAILBOX_DOMAINS[random.nextInt(MAILBOX_DOMAINS.length)];
    String local =
        switch (random.nextInt(5)) {
          case 0 -> first + "." + last;
          case 1 -> first + last + (10 + random.nextInt(90));
          case 2 -> first.charAt(0) + "." + last;
          case 3 -> first + "_" + last;
          default -> first + "." + last + (1960 + random.nextInt(45));
        };
    if (random.nextDouble() < 0.03) { // some people type their address with capitals
      local = Character.toUpperCase(local.charAt(0)) + local.substring(1);
      domain = Character.toUpperCase(domain.charAt(0)) + domain.substring(1);
    }
    return local + "@" + domain;
  }

  private static String utm(String medium, String campaign) {
    return "?utm_source=acme-shop&utm_medium=" + medium + "&utm_campaign=" + campaign;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A ULID: 48 bits of milliseconds then 80 random bits, in Crockford base 32. */
  private String ulid(Instant at) {
    StringBuilder text = new StringBuilder(26);
    long millis = at.toEpochMilli();
    for (int i = 9; i >= 0; i--) {
      text.append(CROCKFORD.charAt((int) ((millis >>> (5 * i)) & 31)));
    }
    for (int i = 0; i < 16; i++) {
      text.append(CROCKFORD.charAt(random.nextInt(32)));
    }
    return text.toString();
  }
}
