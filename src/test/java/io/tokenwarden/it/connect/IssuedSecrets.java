package io.tokenwarden.it.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every secret the connect ITs saw during the suite (link tokens, OAuth states, codes, browser
 * bindings, access and refresh tokens, API keys), and the scan that proves none of them reached the
 * server's logs. The registry lives for the whole failsafe JVM, so each class's final scan also
 * covers what the classes before it saw.
 */
final class IssuedSecrets {

  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  private IssuedSecrets() {}

  static String remember(String secret) {
    if (secret != null && secret.length() >= 8) {
      SEEN.add(secret);
    }
    return secret;
  }

  /** Every secret remembered so far. */
  static Set<String> all() {
    return Set.copyOf(SEEN);
  }

  static int count() {
    return SEEN.size();
  }

  /** Fails when any remembered secret occurs in any file under the server's log directory. */
  static void assertNoneInServerLogs() {
    Path logDir = Path.of(System.getProperty("tokenwarden.it.logDir", "target/liberty/logs"));
    assertThat(logDir.resolve("messages.log")).as("server log").exists();
    assertThat(SEEN).as("secrets recorded by the ITs").isNotEmpty();
    List<String> leaks = new ArrayList<>();
    try (Stream<Path> files = Files.walk(logDir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        for (String secret : SEEN) {
          if (text.contains(secret)) {
            leaks.add(file.getFileName() + " contains a secret starting " + secret.substring(0, 4));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(leaks).as("secrets found in server logs (of " + SEEN.size() + " checked)").isEmpty();
  }
}
