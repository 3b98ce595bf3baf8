package io.emaillogs.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One live stream of the fanout benchmark, read without a thread of its own: the JDK client's
 * asynchronous body, line by line. A {@code data:} line's events are matched by their refId: the
 * run's warm-up events ({@code w<run>-<n>}) mark the stream as ready, the measured ones ({@code
 * f<run>-<k>}) are tallied with their arrival time.
 */
final class FanoutClient implements Flow.Subscriber<String> {
  final IntPredicate expects;
  final StreamTally tally = new StreamTally();
  private final Pattern refs;
  private final CountDownLatch ready;
  private final CountDownLatch allReceived;
  private final int expectedCount;
  private final AtomicInteger status = new AtomicInteger();
  private volatile Flow.Subscription subscription;
  private volatile Throwable failure;
  private boolean sawWarmUp;

  FanoutClient(
      String run,
      IntPredicate expects,
      int expectedCount,
      CountDownLatch ready,
      CountDownLatch allReceived) {
    this.refs = Pattern.compile("\"refId\":\"([fw])" + run + "-(\\d+)\"");
    this.expects = expects;
    this.expectedCount = expectedCount;
    this.ready = ready;
    this.allReceived = allReceived;
    if (expectedCount == 0) {
      allReceived.countDown();
    }
  }

  /** Opens the stream; {@code opening} is released once the response headers are in. */
  void open(HttpClient client, URI url, String token, Semaphore opening) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            .build();
    client
        .sendAsync(
            request,
            info -> {
              status.set(info.statusCode());
              opening.release();
              return HttpResponse.BodySubscribers.fromLineSubscriber(this);
            })
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                if (status.get() == 0) {
                  opening.release();
                }
                failure = e;
              }
            });
  }

  int status() {
    return status.get();
  }

  Throwable failure() {
    return failure;
  }

  /** Ends the stream from the client side (the connection closes). */
  void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(String line) {
    if (!line.startsWith("data: [")) {
      return;
    }
    long now = System.nanoTime();
    Matcher m = refs.matcher(line);
    while (m.find()) {
      if (m.group(1).charAt(0) == 'w') {
        if (!sawWarmUp) {
          sawWarmUp = true;
          ready.countDown();
        }
        continue;
      }
      int k = Integer.parseInt(m.group(2));
      tally.record(k, now);
      if (tally.size() == expectedCount) {
        allReceived.countDown();
      }
    }
  }

  @Override
  public void onError(Throwable t) {
    failure = t;
  }

  @Override
  public void onComplete() {
    // the server ended the stream; the tally says whether anything was missing
  }

  /**
   * A client that opens a live stream and then never reads it: a plain socket with a small receive
   * buffer, so the server's writes back up at once.
   */
  static Socket neverReading(int port, String path, String token) throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096);
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    OutputStream out = s.getOutputStream();
    out.write(request(path, token));
    out.flush();
    return s;
  }

  /**
   * Opens a live stream on a plain socket and waits for the status line; the caller aborts it.
   *
   * @return the HTTP status
   */
  static int openRaw(Socket s, int port, String path, String token) throws IOException {
    s.setSoTimeout(10_000);
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    s.getOutputStream().write(request(path, token));
    s.getOutputStream().flush();
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    int c;
    while (!head.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0) {
      head.append((char) c);
    }
    String[] statusLine = head.toString().split(" ", 3);
    return statusLine.length < 2 ? -1 : Integer.parseInt(statusLine[1]);
  }

  private static byte[] request(String path, String token) {
    return ("GET "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + token
            + "\r\nAccept: text/event-stream\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
