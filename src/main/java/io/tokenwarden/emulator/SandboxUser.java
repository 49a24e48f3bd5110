package io.tokenwarden.emulator;

/**
 * A FreeAgent user in the sandbox, who can approve Token Warden on the approve_app page. Access in
 * FreeAgent follows the user's permission level (0–8); there are no scopes.
 */
public record SandboxUser(
    long id,
    String email,
    String firstName,
    String lastName,
    String role,
    int permissionLevel,
    SandboxCompany company) {

  public SandboxUser {
    if (email == null || email.isBlank() || company == null) {
      throw new IllegalArgumentException("a user needs an email and a company");
    }
    if (permissionLevel < 0 || permissionLevel > 8) {
      throw new IllegalArgumentException("permission level must be 0..8");
    }
    firstName = firstName == null ? "" : firstName;
    lastName = lastName == null ? "" : lastName;
    role = role == null ? "Owner" : role;
  }
}
