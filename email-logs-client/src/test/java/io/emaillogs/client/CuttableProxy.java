package io.emaillogs.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of the server, so a test can drop the client's connections the way a network
 * does: {@link #cutAll} resets them; {@link #freezeAll} stops relaying their bytes but keeps them
 * open (a half-open connection nobody notices). New connections always work. It keeps the start of
 * what each client sent (its request head).
 */
final class CuttableProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private final List<StringBuffer> requests = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  CuttableProxy(int target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The request heads the clients sent, one per connection, in connection order. */
  List<String> requests() {
    return requests.stream().map(StringBuffer::toString).toList();
  }

  /** Resets every open connection. */
  void cutAll() {
    for (Link link : links) {
      link.close();
    }
  }

  /** Stops relaying on every open connection, without closing it. */
  void freezeAll() {
    for (Link link : links) {
      link.frozen = true;
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        StringBuffer head = new StringBuffer();
        requests.add(head);
        Link link = new Link(client, server);
        links.add(link);
        pump(link, client.getInputStream(), server.getOutputStream(), head);
        pump(link, server.getInputStream(), client.getOutputStream(), null);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(Link link, InputStream in, OutputStream out, StringBuffer head) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  while (link.frozen && !link.closed) {
                    Thread.sleep(20); // holds the bytes: the other side hears nothing
                  }
                  if (link.closed) {
                    return;
                  }
                  if (head != null && head.length() < 4096) {
                    head.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // cut
              } finally {
                link.close();
              }
            },
            "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    cutAll();
  }

  private final class Link {
    final Socket client;
    final Socket server;
    volatile boolean frozen;
    volatile boolean closed;

    Link(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void close() {
      closed = true;
      links.remove(this);
      try {
        client.setSoLinger(true, 0); // a reset, not a polite end
        client.close();
      } catch (IOException ignored) {
        // already gone
      }
      try {
        server.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }
}
