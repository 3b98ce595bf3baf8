package io.emaillogs.app.demo;

import java.util.List;

/** The kinds of mail the demo shop sends: sender, open and click rates, tags. */
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
