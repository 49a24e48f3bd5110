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

  /** A problem with one field, shown beside it (its {@code p:message}), not at the page's top. */
  static void problemAt(String clientId, String text) {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
    faces.validationFailed();
  }

  private static void add(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }
}
