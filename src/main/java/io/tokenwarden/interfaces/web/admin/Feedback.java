package io.tokenwarden.interfaces.web.admin;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Adds the one-line results of console actions as Faces messages (shown by the page's growl). */
final class Feedback {

  private Feedback() {}

  static void done(String text) {
    add(FacesMessage.SEVERITY_INFO, text);
  }

  static void problem(String text) {
    add(FacesMessage.SEVERITY_ERROR, text);
    FacesContext.getCurrentInstance().validationFailed();
  }

  /** Keeps the message across a redirect (e.g. back to the tenants list after a delete). */
  static void doneAfterRedirect(String text) {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.getExternalContext().getFlash().setKeepMessages(true);
    add(FacesMessage.SEVERITY_INFO, text);
  }

  private static void add(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }
}
