package dev.printernizer.examples.server;

import java.nio.file.Files;
import java.nio.file.Path;

/** The reference server's command line: arguments, config.yaml, a clear word on a busy port. */
final class ServerMain {
  private ServerMain() {}

  /**
   * Parses the command line, starts the server and waits.
   *
   * @param args {@code --demo}, {@code --config FILE}, {@code --port N}, {@code --data DIR}
   * @throws Exception if the server cannot start
   */
  static void run(String[] args) throws Exception {
    // the request time limit, before the demo's simulators make the JVM's first HTTP server
    ServerThreads.limitRequestTime();
    ServerConfig cfg = null;
    Integer port = null;
    Path data = null;
    boolean demo = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--demo": demo = true; break;
        case "--config": cfg = ServerConfig.load(Path.of(arg(args, ++i, "--config")),
            System.getenv()); break;
        case "--port": port = Integer.parseInt(arg(args, ++i, "--port")); break;
        case "--data": data = Path.of(arg(args, ++i, "--data")); break;
        default:
          System.err.println("unknown argument " + args[i]
              + "; use --demo, --config FILE, --port N, --data DIR");
          System.exit(2);
      }
    }
    if (cfg == null && !demo && Files.exists(Path.of("config.yaml"))) {
      cfg = ServerConfig.load(Path.of("config.yaml"), System.getenv());
    }
    if (cfg == null) {
      cfg = demo ? ServerConfig.demo() : ServerConfig.empty();
    }
    cfg.demo |= demo;
    if (port != null) {
      cfg.port = port;
    }
    if (data != null) {
      cfg.dataDir = data;
    }
    ReferenceServer s;
    try {
      s = ReferenceServer.start(cfg);
    } catch (java.net.BindException e) {
      System.err.println("cannot listen on " + cfg.host + ":" + cfg.port + " (" + e.getMessage()
          + "): another program uses that port; start with --port N or set server.port in"
          + " config.yaml");
      System.exit(2);
      return;
    } catch (dev.printernizer.jdbc.JobStoreException e) {
      System.err.println(cfg.database.embeddedH2() ? "cannot open the job history in "
          + cfg.dataDir.toAbsolutePath() + ": " + e.getMessage() : String.valueOf(e.getMessage()));
      System.exit(2);
      return;
    } catch (java.io.IOException e) { // the data directory or a file in it (printers.json)
      System.err.println("cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println("Printernizer is running: open http://" + cfg.host + ":" + s.port() + "/");
    Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    Thread.currentThread().join();
  }

  private static String arg(String[] args, int i, String name) {
    if (i >= args.length) {
      System.err.println(name + " needs a value");
      System.exit(2);
    }
    return args[i];
  }

}
