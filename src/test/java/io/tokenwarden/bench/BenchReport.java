package io.tokenwarden.bench;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One bench's result table: what was measured, the docs/DESIGN.md target, the figure, and whether
 * it meets the target. Printed to stdout (a bench's output is its table) and appended to {@code
 * target/bench/results.md}. Informational: a missed target is a row saying so, never a failure.
 */
final class BenchReport {

  private final String title;
  private final List<String> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  BenchReport(String title) {
    this.title = title;
  }

  /** A row with a target; {@code met} decides pass/fail. */
  BenchReport row(String what, String target, String measured, boolean met) {
    rows.add(
        "| " + what + " | " + target + " | " + measured + " | " + (met ? "pass" : "FAIL") + " |");
    return this;
  }

  /** A row reporting a figure without a target of its own. */
  BenchReport info(String what, String measured) {
    rows.add("| " + what + " | – | " + measured + " | info |");
    return this;
  }

  /**
   * The two rows every refresh bench ends with: what the provider counted between two {@code
   * /counters} totals (a spent-token reuse or an invalid grant is a lost refresh token), and the
   * connections that are not CONNECTED afterwards.
   */
  BenchReport noTokenLost(JsonObject before, JsonObject after, JsonObject progress) {
    long reuses = BenchClient.delta(before, after, "spentTokenReuses");
    long invalid = BenchClient.delta(before, after, "invalidGrants");
    long notConnected = progress.getJsonNumber("notConnected").longValue();
    return row(
            "provider: refresh calls / successes / spent-token reuses / invalid grants",
            "reuses 0, invalid 0",
            BenchClient.delta(before, after, "refreshCalls")
                + " / "
                + BenchClient.delta(before, after, "refreshSuccesses")
                + " / "
                + reuses
                + " / "
                + invalid,
            reuses == 0 && invalid == 0)
        .row(
            "connections not CONNECTED afterwards",
            "0",
            String.valueOf(notConnected),
            notConnected == 0);
  }

  BenchReport note(String note) {
    notes.add(note);
    return this;
  }

  void publish() {
    StringBuilder table = new StringBuilder();
    table.append("\n### ").append(title).append("\n\n");
    table.append("| what | target | measured | result |\n|---|---|---|---|\n");
    rows.forEach(row -> table.append(row).append('\n'));
    notes.forEach(note -> table.append("\n").append(note).append('\n'));
    String text = table.toString();
    // The bench's product is this table on stdout (a bench is not application code).
    System.out.println(text);
    Path file = resultsFile();
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path resultsFile() {
    return Path.of(System.getProperty("tokenwarden.bench.results", "target/bench/results.md"));
  }

  static String fmt(double value) {
    return value >= 100 ? String.format("%,.0f", value) : String.format("%.2f", value);
  }

  static String mib(long bytes) {
    return fmt(bytes / (1024.0 * 1024.0)) + " MiB";
  }
}
