package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.admin.AdminSignIn;
import io.tokenwarden.application.admin.SignInOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * Jakarta Security's view of the console users: a user name and password are valid when {@link
 * AdminSignIn} says so (right password, name not locked by the throttle); the user's role becomes
 * the caller's one group, which the container maps to the web.xml role of the same name.
 */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

  @Inject AdminSignIn signIn;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential login)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    SignInOutcome outcome = signIn.signIn(login.getCaller(), login.getPasswordAsString());
    if (!outcome.isSignedIn()) {
      return CredentialValidationResult.INVALID_RESULT;
    }
    return new CredentialValidationResult(outcome.username(), Set.of(outcome.role().name()));
  }
}
