package io.tokenwarden.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The running fleet, driven through {@code bench/cluster.sh} exactly as an operator would (start,
 * SIGKILL, restart): the suite proves the script as much as the servers. Every call waits for the
 * script, whose start commands return once {@code /health/ready} answers 200.
 */
final class Fleet {

  static final int NODES = 2;
  static final String CONTROL_SECRET = "fleet-it-control-secret";
  static final String ADMIN_KEY = "tw_fleet-it-admin-key-0123456789abcdef";

  /** The nodes' shared secret for asking each other which pairs they hold (ADR 0029). */
  static final String PEER_SECRET = "fleet-it-peer-secret-0123456789abcdef";

  private final Path project;
  private final int portBase;
  private final Map<String, String> environment;
  private final Path log;

  Fleet(Path project, int portBase, Map<String, String> environment) {
    this.project = project;
    this.portBase = portBase;
    this.environment = environment;
    this.log = project.resolve("target/fleet/cluster-it.log");
  }

  void start() {
    run("start", String.valueOf(NODES));
  }

  void stop() {
    run("stop");
  }

  /** SIGKILL: the node gets no chance to drain, release leases or write anything. */
  void kill(int node) {
    run("kill", String.valueOf(node));
  }

  /**
   * SIGSTOP: the node stands still as a JVM does in a long pause or on a stalled host, holding its
   * sockets, leases and any answer that arrives meanwhile; {@link #thaw} lets it run on.
   */
  void freeze(int node) {
    run("freeze", String.valueOf(node));
  }

  /** SIGCONT after {@link #freeze}: every timer the node missed is due at once. */
  void thaw(int node) {
    run("thaw", String.valueOf(node));
  }

  void startNode(int node) {
    run("start-node", String.valueOf(node));
  }

  /**
   * Graceful stop (the node drains its refreshes in flight), then start: a rolling restart step.
   */
  void restart(int node) {
    run("restart", String.valueOf(node));
  }

  String nodeUrl(int node) {
    return "http://localhost:" + (portBase + 10 + node);
  }

  String emulatorUrl() {
    return "http://localhost:" + portBase;
  }

  private void run(String... arguments) {
    List<String> command = new ArrayList<>(List.of("bash", "bench/cluster.sh"));
    command.addAll(List.of(arguments));
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(project.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("cluster.sh " + String.join(" ", arguments) + " hung");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "cluster.sh " + String.join(" ", arguments) + " failed; see " + log);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Could not run cluster.sh", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
