package io.tokenwarden.application.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.domain.AdminRole;
import org.junit.jupiter.api.Test;

/** The console always keeps an administrator, and nobody locks themselves out by accident. */
class AdminUserRulesTest {

  /** The last ADMIN cannot be demoted, and an ADMIN cannot demote themselves. */
  @Test
  void lastAdminAndSelfCannotBeDemoted() {
    assertThat(
            AdminUserRules.problemWithRoleChange(
                "bob", AdminRole.ADMIN, AdminRole.VIEWER, 1, "alice"))
        .contains("last administrator");
    assertThat(
            AdminUserRules.problemWithRoleChange(
                "alice", AdminRole.ADMIN, AdminRole.VIEWER, 3, "alice"))
        .contains("yourself");
    assertThat(
            AdminUserRules.problemWithRoleChange(
                "bob", AdminRole.ADMIN, AdminRole.VIEWER, 2, "alice"))
        .isNull();
    assertThat(
            AdminUserRules.problemWithRoleChange(
                "bob", AdminRole.VIEWER, AdminRole.ADMIN, 1, "alice"))
        .isNull();
  }

  /** Nobody deletes their own account or the last ADMIN; viewers can always be deleted. */
  @Test
  void deletionRules() {
    assertThat(AdminUserRules.problemWithDelete("alice", AdminRole.ADMIN, 5, "alice"))
        .contains("your own");
    assertThat(AdminUserRules.problemWithDelete("bob", AdminRole.ADMIN, 1, "alice"))
        .contains("last administrator");
    assertThat(AdminUserRules.problemWithDelete("bob", AdminRole.VIEWER, 1, "alice")).isNull();
  }

  /** Only an ADMIN caller may change anything at all. */
  @Test
  void onlyAdminsMayChange() {
    assertThat(AdminUserRules.mayChange(true)).isTrue();
    assertThat(AdminUserRules.mayChange(false)).isFalse();
  }

  /** Passwords shorter than 12 characters or made of spaces are refused with a reason. */
  @Test
  void passwordRules() {
    assertThat(AdminPasswords.problemWith("short")).contains("12");
    assertThat(AdminPasswords.problemWith(" ".repeat(20))).contains("spaces");
    assertThat(AdminPasswords.problemWith("correct horse battery")).isNull();
  }
}
