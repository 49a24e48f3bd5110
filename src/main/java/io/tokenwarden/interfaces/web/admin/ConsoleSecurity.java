package io.tokenwarden.interfaces.web.admin;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Declares how people sign in to the console: a Faces login page that hands the credential to
 * Jakarta Security ({@code SecurityContext.authenticate}), validated by {@link AdminIdentityStore}.
 * Unauthenticated requests for /admin/… are redirected (not forwarded) to the login page, so the
 * browser's address shows where the person is.
 */
@ApplicationScoped
@DeclareRoles({"ADMIN", "VIEWER"})
@CustomFormAuthenticationMechanismDefinition(
    loginToContinue =
        @LoginToContinue(loginPage = "/login.xhtml", errorPage = "", useForwardToLogin = false))
public class ConsoleSecurity {}
