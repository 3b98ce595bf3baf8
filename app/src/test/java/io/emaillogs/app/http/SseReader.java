package io.emaillogs.app.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small Server-Sent Events reader for tests: parses frames on a daemon thread and hands them out
 * with a timeout. A comment line ({@code : keep-alive}) is a frame of its own with event {@code
 * ":"}; the end of the body is a frame with event {@code "EOF"}.
 */
final class SseReader implements AutoCloseable {
  static final String COMMENT = ":";
  static final String EOF = "EOF";

  /** One frame, received at {@code nanos} ({@link System#nanoTime()}). */
  record Frame(String event, String id, String data, long nanos) {
    boolean is(String name) {
      return name.equals(event);
    }
  }

  private final InputStream body;
  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Object gate = new Object();
  private boolean paused;

  SseReader(InputStream body) {
    this.body = body;
    this.thread = new Thread(this::read, "sse-reader");
    thread.setDaemon(true);
    thread.start();
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String event = null;
      String id = null;
      StringBuilder data = null;
      String line;
      while (awaitOpenGate() && (line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          if (event != null || data != null || id != null) {
            frames.add(
                new Frame(
                    event == null ? "message" : event,
                    id,
                    data == null ? null : data.toString(),
                    System.nanoTime()));
          }
          event = null;
          id = null;
          data = null;
        } else if (line.startsWith(":")) {
          frames.add(new Frame(COMMENT, null, line.substring(1).strip(), System.nanoTime()));
        } else if (line.startsWith("event: ")) {
          event = line.substring("event: ".length());
        } else if (line.startsWith("id: ")) {
          id = line.substring("id: ".length());
        } else if (line.startsWith("data: ")) {
          String chunk = line.substring("data: ".length());
          data = data == null ? new StringBuilder(chunk) : data.append('\n').append(chunk);
        } else {
          frames.add(new Frame("MALFORMED", null, line, System.nanoTime()));
        }
      }
    } catch (IOException e) {
      // closed by the test, or the connection broke: the stream ends here
    }
    frames.add(new Frame(EOF, null, null, System.nanoTime()));
  }

  /**
   * Stops reading the body: the client's buffers fill, then the connection's, then the server's
   * writes block.
   */
  void pause() {
    synchronized (gate) {
      paused = true;
    }
  }

  void resume() {
    synchronized (gate) {
      paused = false;
      gate.notifyAll();
    }
  }

  private boolean awaitOpenGate() {
    synchronized (gate) {
      while (paused) {
        try {
          gate.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /** The next frame, or null after {@code timeout}. */
  Frame next(Duration timeout) throws InterruptedException {
    return frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The next frame that is not a keep-alive comment, or null after {@code timeout}. */
  Frame nextEvent(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Frame frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (frame == null || !frame.is(COMMENT)) {
        return frame;
      }
    }
  }

  /** Every frame up to and including the first of {@code event} (or EOF), comments left out. */
  List<Frame> until(String event, Duration timeout) throws InterruptedException {
    List<Frame> seen = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Frame frame = nextEvent(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (frame == null) {
        throw new AssertionError("no '" + event + "' frame within " + timeout + "; got " + seen);
      }
      seen.add(frame);
      if (frame.is(event) || frame.is(EOF)) {
        return seen;
      }
    }
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
