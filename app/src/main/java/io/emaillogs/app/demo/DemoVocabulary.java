package io.emaillogs.app.demo;

import java.util.List;

/** The words of the demo traffic: campaigns, SMTP answers, browsers, names and domains. */
final class DemoVocabulary {
  private DemoVocabulary() {}

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
  static final String[][] OPENERS = {
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
  static final List<String> BROWSERS =
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
  static final int[] PUBLIC_BLOCKS = {24, 31, 46, 62, 77, 81, 86, 93, 109, 151, 178, 185, 212, 217};

  static final List<String> FIRST_NAMES =
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

  static final List<String> LAST_NAMES =
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

  static final String[] MAILBOX_DOMAINS = {
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

  static final List<String> BUSINESS_DOMAINS =
      List.of(
          "northwind-traders.com", "contoso.com", "globex.io", "initech.com", "umbrella-corp.net");
}
