package io.tokenwarden.application.admin;

import io.tokenwarden.infrastructure.crypto.SecretHash;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;

/**
 * Hashes and checks console passwords with Jakarta Security's {@link Pbkdf2PasswordHash}
 * (PBKDF2-HMAC-SHA512, 210,000 iterations, 32-byte salt: OWASP's 2023 figures). The stored value
 * names its own parameters, so raising them later keeps old hashes verifiable.
 */
@ApplicationScoped
public class AdminPasswords {

  static final int MIN_LENGTH = 12;
  static final int MAX_LENGTH = 200;

  @Inject Pbkdf2PasswordHash pbkdf2;

  /**
   * Checked when the user name is unknown, so an unknown name costs as much time as a known one.
   */
  private String decoyHash;

  @PostConstruct
  void configure() {
    pbkdf2.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64"));
    decoyHash = pbkdf2.generate(SecretHash.newSecret().toCharArray());
  }

  public String hash(String password) {
    String problem = problemWith(password);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return pbkdf2.generate(password.toCharArray());
  }

  public boolean matches(String password, String storedHash) {
    if (password == null || password.length() > MAX_LENGTH) {
      return false;
    }
    return pbkdf2.verify(password.toCharArray(), storedHash);
  }

  /** Spends the time of one check and answers false: for user names that do not exist. */
  public boolean matchesNothing(String password) {
    matches(password == null ? "" : password, decoyHash);
    return false;
  }

  /** Says what is wrong with a proposed password in words a person can act on, or null. */
  public static String problemWith(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      return "Password must be at least " + MIN_LENGTH + " characters long.";
    }
    if (password.length() > MAX_LENGTH) {
      return "Password must be at most " + MAX_LENGTH + " characters long.";
    }
    if (password.isBlank()) {
      return "Password must not be only spaces.";
    }
    return null;
  }
}
