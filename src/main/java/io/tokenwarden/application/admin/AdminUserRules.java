package io.tokenwarden.application.admin;

import io.tokenwarden.domain.AdminRole;

/**
 * The rules that keep the console administrable: there is always at least one ADMIN, and nobody
 * removes their own ADMIN role or account by accident (another administrator must do it). Each rule
 * answers with words for a person, or null when the change is allowed.
 */
public final class AdminUserRules {

  private AdminUserRules() {}

  /** Whether a signed-in user with these roles may change anything at all. */
  public static boolean mayChange(boolean callerIsAdmin) {
    return callerIsAdmin;
  }

  public static String problemWithRoleChange(
      String targetUsername,
      AdminRole currentRole,
      AdminRole newRole,
      long adminCount,
      String actingUsername) {
    if (newRole == null) {
      return "Choose a role: ADMIN or VIEWER.";
    }
    if (currentRole == AdminRole.ADMIN && newRole != AdminRole.ADMIN) {
      if (targetUsername.equals(actingUsername)) {
        return "You cannot take the ADMIN role from yourself; ask another administrator.";
      }
      if (adminCount <= 1) {
        return "This is the last administrator; make another user ADMIN first.";
      }
    }
    return null;
  }

  public static String problemWithDelete(
      String targetUsername, AdminRole targetRole, long adminCount, String actingUsername) {
    if (targetUsername.equals(actingUsername)) {
      return "You cannot delete your own account; ask another administrator.";
    }
    if (targetRole == AdminRole.ADMIN && adminCount <= 1) {
      return "This is the last administrator; make another user ADMIN first.";
    }
    return null;
  }
}
