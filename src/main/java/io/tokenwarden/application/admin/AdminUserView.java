package io.tokenwarden.application.admin;

import io.tokenwarden.domain.AdminRole;
import io.tokenwarden.domain.AdminUser;
import java.time.Instant;
import java.util.UUID;

/** A console user as the users page shows it: everything but the password hash. */
public record AdminUserView(
    UUID id, String username, AdminRole role, Instant createdAt, Instant lastSignInAt) {

  static AdminUserView of(AdminUser user) {
    return new AdminUserView(
        user.id(), user.username(), user.role(), user.createdAt(), user.lastSignInAt());
  }
}
