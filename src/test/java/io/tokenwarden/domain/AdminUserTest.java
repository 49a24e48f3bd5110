package io.tokenwarden.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Console users guard their names and never show their hash. */
class AdminUserTest {

  /** Names are stored in lower case; bad names are refused with a readable reason. */
  @Test
  void usernameIsNormalisedAndValidated() {
    AdminUser user = new AdminUser("Alice.Ops", "hash", AdminRole.VIEWER, Instant.EPOCH);
    assertThat(user.username()).isEqualTo("alice.ops");
    assertThat(AdminUser.problemWithUsername("ab")).contains("3 to 100");
    assertThat(AdminUser.problemWithUsername("bad name")).isNotNull();
    assertThatThrownBy(() -> new AdminUser("", "hash", AdminRole.ADMIN, Instant.EPOCH))
        .hasMessageContaining("empty");
  }

  /** toString names the user and role, never the password hash. */
  @Test
  void toStringHidesTheHash() {
    AdminUser user = new AdminUser("alice", "PBKDF2-secret-hash", AdminRole.ADMIN, Instant.EPOCH);
    assertThat(user.toString()).contains("alice").doesNotContain("PBKDF2-secret-hash");
  }

  /** Only ADMIN may change things; role names parse case-insensitively and reject junk. */
  @Test
  void roleRules() {
    assertThat(AdminRole.ADMIN.mayChange()).isTrue();
    assertThat(AdminRole.VIEWER.mayChange()).isFalse();
    assertThat(AdminRole.parse("viewer")).isEqualTo(AdminRole.VIEWER);
    assertThat(AdminRole.parse("ROOT")).isNull();
  }
}
