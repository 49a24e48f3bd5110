package io.tokenwarden.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A person who signs in to the operator console. The password exists here only as a PBKDF2 hash;
 * {@link #toString()} never shows it. User names are stored in lower case so that "Alice" and
 * "alice" are one account and one login throttle. A cross-tenant row, managed in the root context.
 */
@Entity
@Table(name = "admin_user")
public class AdminUser {

  public static final int MAX_USERNAME_LENGTH = 100;
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{2,99}");

  @Id private UUID id;

  @Column(nullable = false, unique = true, length = MAX_USERNAME_LENGTH)
  private String username;

  @Column(name = "password_hash", nullable = false, length = 512)
  private String passwordHash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private AdminRole role;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "password_changed_at", nullable = false)
  private Instant passwordChangedAt;

  @Column(name = "last_sign_in_at")
  private Instant lastSignInAt;

  protected AdminUser() {}

  public AdminUser(String username, String passwordHash, AdminRole role, Instant now) {
    String problem = problemWithUsername(username);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    this.id = UUID.randomUUID();
    this.username = normalise(username);
    this.passwordHash = requireHash(passwordHash);
    this.role = Objects.requireNonNull(role, "role");
    this.createdAt = Objects.requireNonNull(now, "now");
    this.passwordChangedAt = now;
  }

  /** The form in which user names are stored and compared. */
  public static String normalise(String username) {
    return username == null ? null : username.strip().toLowerCase(java.util.Locale.ROOT);
  }

  /** Says what is wrong with a proposed user name in words a person can act on, or null. */
  public static String problemWithUsername(String username) {
    String value = normalise(username);
    if (value == null || value.isEmpty()) {
      return "User name must not be empty.";
    }
    if (!USERNAME.matcher(value).matches()) {
      return "User name must be 3 to 100 characters: letters, digits, '.', '_', '@' or '-',"
          + " starting with a letter or digit.";
    }
    return null;
  }

  public void changeRole(AdminRole newRole) {
    this.role = Objects.requireNonNull(newRole, "role");
  }

  public void changePassword(String newHash, Instant now) {
    this.passwordHash = requireHash(newHash);
    this.passwordChangedAt = Objects.requireNonNull(now, "now");
  }

  public void signedIn(Instant now) {
    this.lastSignInAt = now;
  }

  private static String requireHash(String hash) {
    if (hash == null || hash.isBlank()) {
      throw new IllegalArgumentException("A password hash is required.");
    }
    return hash;
  }

  public UUID id() {
    return id;
  }

  public String username() {
    return username;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public AdminRole role() {
    return role;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant passwordChangedAt() {
    return passwordChangedAt;
  }

  public Instant lastSignInAt() {
    return lastSignInAt;
  }

  @Override
  public String toString() {
    return "AdminUser[" + username + ", " + role + "]";
  }
}
