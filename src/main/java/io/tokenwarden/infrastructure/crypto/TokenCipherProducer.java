package io.tokenwarden.infrastructure.crypto;

import io.tokenwarden.infrastructure.freeagent.FreeAgentMode;
import io.tokenwarden.infrastructure.freeagent.FreeAgentSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * Builds the one {@link TokenCipher} from {@code tokenwarden.crypto.keys}. When no key is
 * configured and Token Warden talks to its own emulator, a development key is generated once into a
 * file beside the server (never into the database) and a warning says so; against a real FreeAgent
 * a missing key stops the start.
 */
@ApplicationScoped
public class TokenCipherProducer {

  private static final Logger LOG = Logger.getLogger(TokenCipherProducer.class.getName());

  @Inject @ConfigProperties CryptoSettings crypto;

  // @Singleton, not @ApplicationScoped: the produced type is final, and a normal scope needs a
  // client proxy (Weld refuses the deployment once something injects it).
  @Produces
  @Singleton
  TokenCipher tokenCipher(FreeAgentSettings freeAgent) {
    if (crypto.keys().isPresent()) {
      return new TokenCipher(KeyRing.parse(crypto.keys().get(), crypto.primaryKey().orElse(null)));
    }
    if (freeAgent.mode() != FreeAgentMode.EMULATOR) {
      throw new IllegalStateException(
          "tokenwarden.crypto.keys is required outside emulator mode (id:base64-32-byte-key)");
    }
    Path file = Path.of(crypto.devKeyFile());
    return new TokenCipher(KeyRing.parse("dev:" + developmentKey(file), null));
  }

  private static String developmentKey(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      String encoded = Base64.getEncoder().encodeToString(key);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, encoded, StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system; the file stays readable by its owner's rules
      }
      LOG.warning(
          "No tokenwarden.crypto.keys configured: generated a development encryption key in "
              + file.toAbsolutePath()
              + ". Configure real keys before connecting a real FreeAgent account.");
      return encoded;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the development key file " + file, e);
    }
  }
}
