package dev.printernizer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.examples.server.ReferenceServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Slow clients (issue 18): 400 connections that never finish their request used to grow the
 * server to 457 threads. Now the request threads are bounded and the JDK server closes a
 * connection that has not sent its whole request within 10 s.
 */
class SlowClientTest extends ServerTest {
  private static long serverThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("server-http")).count();
  }

  @Test
  void slowClientsNeitherGrowThreadsNorStayOpen() throws Exception {
    int port = Integer.parseInt(h.base().substring(h.base().lastIndexOf(':') + 1));
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 400; i++) {
        Socket s = new Socket("127.0.0.1", port);
        OutputStream out = s.getOutputStream();
        out.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(
            StandardCharsets.US_ASCII)); // and never the rest
        out.flush();
        slow.add(s);
      }
      ServerHarness.await("the slow requests taken up", () -> serverThreads() >= 32);
      assertTrue(serverThreads() <= ReferenceServer.threadLimit(), serverThreads()
          + " request threads for 400 slow clients");
      long closed = 0;
      long end = System.nanoTime() + 30_000_000_000L;
      for (Socket s : slow) {
        s.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
        try (InputStream in = s.getInputStream()) {
          in.readAllBytes(); // the server closes it (an error answer or nothing)
          closed++;
        } catch (SocketTimeoutException e) {
          break; // still open after 30 s
        } catch (java.io.IOException e) {
          closed++; // reset: closed as well
        }
      }
      assertEquals(400, closed, "every slow connection is closed by the server");
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
    assertEquals(200, h.get("/api/health").statusCode(), "and the server answers again");
    assertTrue(serverThreads() <= ReferenceServer.threadLimit());
  }
}
