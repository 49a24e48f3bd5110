package io.tokenwarden.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Debian's {@code wrk} against the server and reads its summary. A load generator in C takes
 * far less of the two shared cores than a Java client, so the server's rate is nearer its own.
 */
final class Wrk {

  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
  private static final Pattern NOT_OK = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern PERCENTILE =
      Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

  private final Path executable;
  private final int threads;
  private final int connections;

  private Wrk(Path executable, int threads, int connections) {
    this.executable = executable;
    this.threads = threads;
    this.connections = connections;
  }

  @Override
  public String toString() {
    return "wrk -t" + threads + " -c" + connections;
  }

  /** {@code wrk} from the PATH, or empty when it is not installed. */
  static Optional<Wrk> onPath(int threads, int connections) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "wrk");
      if (Files.isExecutable(candidate)) {
        return Optional.of(new Wrk(candidate, threads, connections));
      }
    }
    return Optional.empty();
  }

  /** One run of {@code seconds} against {@code url}, with a Lua {@code script} or none. */
  Result run(String url, Path script, int seconds) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.add("-t" + threads);
    command.add("-c" + connections);
    command.add("-d" + seconds + "s");
    command.add("--latency");
    if (script != null) {
      command.add("-s");
      command.add(script.toString());
    }
    command.add(url);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("wrk failed: " + output);
    }
    return parse(output);
  }

  static Result parse(String output) {
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    Matcher percentile = PERCENTILE.matcher(output);
    while (percentile.find()) {
      double millis = millis(Double.parseDouble(percentile.group(2)), percentile.group(3));
      if (percentile.group(1).equals("50")) {
        p50 = millis;
      } else {
        p99 = millis;
      }
    }
    long socketErrors = 0;
    Matcher errors = SOCKET_ERRORS.matcher(output);
    if (errors.find()) {
      for (int group = 1; group <= 4; group++) {
        socketErrors += Long.parseLong(errors.group(group));
      }
    }
    return new Result(
        Double.parseDouble(first(RATE, output, "Requests/sec")),
        Long.parseLong(first(TOTAL, output, "requests in")),
        NOT_OK.matcher(output).find() ? notOk(output) : 0,
        socketErrors,
        p50,
        p99);
  }

  private static long notOk(String output) {
    Matcher matcher = NOT_OK.matcher(output);
    matcher.find();
    return Long.parseLong(matcher.group(1));
  }

  private static String first(Pattern pattern, String output, String what) {
    Matcher matcher = pattern.matcher(output);
    if (!matcher.find()) {
      throw new IllegalStateException("wrk printed no '" + what + "': " + output);
    }
    return matcher.group(1);
  }

  private static double millis(double value, String unit) {
    return switch (unit) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
  }

  /** What one run measured: latencies are wrk's, over every request of the run. */
  record Result(
      double requestsPerSecond,
      long requests,
      long notOk,
      long socketErrors,
      double p50Millis,
      double p99Millis) {

    /** Answers that were not a 2xx, plus connections that failed. */
    long failures() {
      return notOk + socketErrors;
    }
  }
}
