package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.admin.AdminUserRules;
import io.tokenwarden.domain.AdminRole;
import jakarta.annotation.Priority;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.security.Principal;
import java.util.logging.Logger;

/**
 * Refuses an {@link AdminOnly} action unless the caller has the ADMIN role: the action does not
 * run, the person sees why, and the attempt is logged (name and action only).
 */
@AdminOnly
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AdminOnlyInterceptor implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(AdminOnlyInterceptor.class.getName());
  static final String REFUSED =
      "Not done: you are signed in as a viewer, and viewers cannot change anything. Ask an"
          + " administrator.";

  @Inject SecurityContext security;

  @AroundInvoke
  Object requireAdmin(InvocationContext invocation) throws Exception {
    if (AdminUserRules.mayChange(security.isCallerInRole(AdminRole.ADMIN.name()))) {
      return invocation.proceed();
    }
    Principal caller = security.getCallerPrincipal();
    LOG.warning(
        () ->
            "Refused console action "
                + invocation.getMethod().getName()
                + " for "
                + (caller == null ? "an anonymous caller" : caller.getName())
                + " (not ADMIN)");
    FacesContext faces = FacesContext.getCurrentInstance();
    if (faces != null) {
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, REFUSED, REFUSED));
      faces.validationFailed();
    }
    return null;
  }
}
