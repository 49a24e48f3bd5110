package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.admin.AdminSignIn;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The login page's form: hands user name and password to Jakarta Security and tells the person, in
 * plain words, why a sign-in failed (wrong credentials, or the name is locked until a time). A
 * successful sign-in continues to the console page that was asked for ({@link
 * ContinueAfterSignIn}).
 */
@Named
@RequestScoped
public class SignInPage {

  @Inject SecurityContext security;

  @Inject AdminSignIn signIn;

  @Inject TimeDisplay time;

  private String username;
  private String password;

  public void signIn() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    HttpServletResponse response = (HttpServletResponse) external.getResponse();
    AuthenticationStatus status =
        security.authenticate(
            request,
            response,
            AuthenticationParameters.withParams()
                .newAuthentication(true)
                .credential(
                    new UsernamePasswordCredential(
                        username == null ? "" : username,
                        new Password(password == null ? "" : password))));
    password = null;
    switch (status) {
      case SEND_CONTINUE -> faces.responseComplete();
      case SUCCESS -> {
        external.redirect(
            external.getRequestContextPath()
                + ContinueAfterSignIn.target(
                    savedRequest(request), external.getRequestContextPath()));
        faces.responseComplete();
      }
      default -> faces.addMessage(null, failureMessage());
    }
  }

  private static String savedRequest(HttpServletRequest request) {
    if (request.getCookies() == null) {
      return null;
    }
    for (jakarta.servlet.http.Cookie cookie : request.getCookies()) {
      if (ContinueAfterSignIn.SAVED_REQUEST_COOKIE.equals(cookie.getName())) {
        return cookie.getValue();
      }
    }
    return null;
  }

  private FacesMessage failureMessage() {
    Optional<Instant> lockedUntil = signIn.lockedUntil(username);
    String text =
        lockedUntil
            .map(
                until ->
                    "Too many failed sign-ins for this user name. Try again after "
                        + time.absolute(until)
                        + ".")
            .orElse(
                "Wrong user name or password. Check both and try again; after repeated failures"
                    + " sign-in for the name pauses for a while.");
    return new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text);
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
