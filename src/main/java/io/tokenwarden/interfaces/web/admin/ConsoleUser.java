package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.domain.AdminRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;

/**
 * Who is signed in and what they may do, for the pages' {@code rendered} conditions, plus sign-out
 * (a POST that ends the container's authentication and the HTTP session).
 */
@Named
@RequestScoped
public class ConsoleUser {

  @Inject SecurityContext security;

  public String getName() {
    Principal caller = security.getCallerPrincipal();
    return caller == null ? "" : caller.getName();
  }

  /** How the audit trail names this person: "console user alice". */
  public String actor() {
    return "console user " + getName();
  }

  public boolean isAdmin() {
    return security.isCallerInRole(AdminRole.ADMIN.name());
  }

  public String getRole() {
    return isAdmin() ? AdminRole.ADMIN.name() : AdminRole.VIEWER.name();
  }

  public void signOut() throws IOException, ServletException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    request.logout();
    external.invalidateSession();
    external.redirect(external.getRequestContextPath() + "/login.xhtml?signedOut=true");
    faces.responseComplete();
  }
}
