package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.admin.AdminUserException;
import io.tokenwarden.application.admin.AdminUserService;
import io.tokenwarden.application.admin.AdminUserView;
import io.tokenwarden.domain.AdminRole;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * The console users page (/admin/users.xhtml, ADMIN only by web.xml and by {@link AdminOnly}): add
 * a user with a role, change a role, set a new password, delete. Hashes are never shown; passwords
 * typed here are dropped from the bean as soon as they are used.
 */
@Named
@ViewScoped
public class UsersPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject AdminUserService users;

  @Inject ConsoleUser me;

  private List<AdminUserView> list;
  private String newUsername;
  private String newPassword;
  private AdminRole newRole = AdminRole.VIEWER;
  private UUID selectedId;
  private AdminRole selectedRole;
  private String resetPassword;

  @PostConstruct
  void init() {
    list = users.list();
  }

  @AdminOnly
  public void add() {
    try {
      AdminUserView added = users.add(newUsername, newPassword, newRole);
      Feedback.done("User " + added.username() + " added as " + added.role() + ".");
      newUsername = null;
      newRole = AdminRole.VIEWER;
    } catch (AdminUserException e) {
      Feedback.problem(e.getMessage());
    } finally {
      newPassword = null;
    }
    list = users.list();
  }

  /** Chooses the user the role and password dialogs act on. */
  public void select(AdminUserView user) {
    selectedId = user.id();
    selectedRole = user.role();
    resetPassword = null;
  }

  @AdminOnly
  public void changeRole() {
    try {
      users.changeRole(selectedId, selectedRole, me.getName());
      Feedback.done("Role changed to " + selectedRole + ".");
    } catch (AdminUserException e) {
      Feedback.problem(e.getMessage());
    }
    list = users.list();
  }

  @AdminOnly
  public void resetPassword() {
    try {
      users.resetPassword(selectedId, resetPassword);
      Feedback.done("Password changed. Tell the user through a safe channel.");
    } catch (AdminUserException e) {
      Feedback.problem(e.getMessage());
    } finally {
      resetPassword = null;
    }
  }

  @AdminOnly
  public void delete(AdminUserView user) {
    try {
      users.delete(user.id(), me.getName());
      Feedback.done("User " + user.username() + " deleted.");
    } catch (AdminUserException e) {
      Feedback.problem(e.getMessage());
    }
    list = users.list();
  }

  public List<AdminUserView> getList() {
    return list;
  }

  public AdminRole[] getRoles() {
    return AdminRole.values();
  }

  public String getNewUsername() {
    return newUsername;
  }

  public void setNewUsername(String newUsername) {
    this.newUsername = newUsername;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  public AdminRole getNewRole() {
    return newRole;
  }

  public void setNewRole(AdminRole newRole) {
    this.newRole = newRole;
  }

  public AdminRole getSelectedRole() {
    return selectedRole;
  }

  public void setSelectedRole(AdminRole selectedRole) {
    this.selectedRole = selectedRole;
  }

  public String getResetPassword() {
    return resetPassword;
  }

  public void setResetPassword(String resetPassword) {
    this.resetPassword = resetPassword;
  }

  public String getSelectedUsername() {
    return list.stream()
        .filter(u -> u.id().equals(selectedId))
        .map(AdminUserView::username)
        .findFirst()
        .orElse("");
  }
}
