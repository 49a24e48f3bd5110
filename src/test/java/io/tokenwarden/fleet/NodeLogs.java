package io.tokenwarden.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the fleet's servers said, for the reader of a failed scenario: CI keeps only Maven's output,
 * and the servers' own logs die with the checkout. Picks each server's warnings and errors (Liberty
 * level {@code W} or {@code E}), newest last, and every GC pause of a second or more. These are the
 * lines the application writes for operators, which carry no token, code or secret (the connect ITs
 * scan the server's logs for every one they saw, e.g. {@code ConnectFlowIT}).
 */
final class NodeLogs {

  /** A Liberty message line: {@code [date, time] thread logger LEVEL text}. */
  private static final Pattern LEVEL = Pattern.compile("^\\[[^]]+] \\S+ \\S+\\s+([WE]) ");

  /** A unified-logging GC line ending in its pause, e.g. {@code … 12M->8M(64M) 1234.567ms}. */
  private static final Pattern PAUSE = Pattern.compile("Pause.* (\\d+)\\.\\d+ms$");

  private static final long LONG_PAUSE_MILLIS = 1_000;

  private NodeLogs() {}

  /**
   * Every server's last {@code perServer} warnings and errors, then every GC pause of a second or
   * more (rare, and the likeliest cause of a node that stood still, so never cut off by the limit).
   */
  static String notable(Path project, String name, int perServer) {
    Path servers = project.resolve("target/liberty/wlp/usr/servers");
    StringBuilder report = new StringBuilder();
    for (Path server : serversOf(servers, name)) {
      List<String> messages = new ArrayList<>();
      List<String> pauses = new ArrayList<>();
      for (Path log : logsOf(server)) {
        boolean gcLog = log.getFileName().toString().startsWith("gc-");
        for (String line : read(log)) {
          if (isNotable(line)) {
            (gcLog ? pauses : messages).add(log.getFileName() + ": " + line);
          }
        }
      }
      report.append("--- ").append(server.getFileName()).append(" ---\n");
      messages
          .subList(Math.max(0, messages.size() - perServer), messages.size())
          .forEach(line -> report.append(line).append('\n'));
      pauses.forEach(line -> report.append(line).append('\n'));
    }
    return report.toString();
  }

  static boolean isNotable(String line) {
    if (LEVEL.matcher(line).find()) {
      return true;
    }
    Matcher pause = PAUSE.matcher(line);
    return pause.find() && Long.parseLong(pause.group(1)) >= LONG_PAUSE_MILLIS;
  }

  private static List<Path> serversOf(Path servers, String name) {
    if (!Files.isDirectory(servers)) {
      return List.of();
    }
    try (Stream<Path> all = Files.list(servers)) {
      return all.filter(p -> p.getFileName().toString().startsWith(name + "-"))
          .filter(p -> !p.getFileName().toString().endsWith("-base"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rolled message logs and GC logs oldest first, then the current {@code messages.log}. */
  private static List<Path> logsOf(Path server) {
    Path logs = server.resolve("logs");
    if (!Files.isDirectory(logs)) {
      return List.of();
    }
    try (Stream<Path> all = Files.list(logs)) {
      return all.filter(
              p -> {
                String file = p.getFileName().toString();
                return file.startsWith("messages") || file.startsWith("gc-");
              })
          .sorted(
              Comparator.comparing((Path p) -> p.getFileName().toString().equals("messages.log"))
                  .thenComparing(p -> lastModified(p)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long lastModified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static List<String> read(Path log) {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      return List.of("(unreadable: " + e.getClass().getSimpleName() + ")");
    }
  }
}
