package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.webhooks.EndpointView;
import io.tokenwarden.application.webhooks.IssuedEndpointSecret;
import io.tokenwarden.application.webhooks.WebhookEndpointException;
import io.tokenwarden.application.webhooks.WebhookEndpoints;
import io.tokenwarden.domain.WebhookEventType;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The Webhooks page (/admin/webhooks.xhtml): every endpoint with its URL, event types and state;
 * adding one (its signing secret shown once), enabling or disabling, rotating the secret (shown
 * once; the old one keeps signing for the overlap) and deleting. A bad field gets its message
 * beside the field.
 */
@Named
@ViewScoped
public class WebhooksPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject WebhookEndpoints endpoints;

  @Inject TimeDisplay time;

  private List<EndpointView> list;
  private String newUrl;
  private String newDescription;
  private List<String> newEventTypes;
  private String issuedSecret;
  private String issuedFor;

  @PostConstruct
  void init() {
    reload();
  }

  private void reload() {
    list = endpoints.list();
  }

  @AdminOnly
  public void create() {
    try {
      IssuedEndpointSecret issued =
          endpoints.create(
              newUrl, newDescription, newEventTypes == null ? List.of() : newEventTypes);
      show(issued);
      Feedback.done("Endpoint added; copy its signing secret now, it is shown only once.");
      newUrl = null;
      newDescription = null;
      newEventTypes = null;
    } catch (WebhookEndpointException e) {
      fieldProblem(e);
    }
    reload();
  }

  @AdminOnly
  public void toggle(EndpointView endpoint) {
    try {
      endpoints.update(endpoint.id(), null, null, null, !endpoint.enabled());
      Feedback.done(
          endpoint.enabled()
              ? "Endpoint disabled: it gets no new webhooks; open deliveries wait."
              : "Endpoint enabled.");
    } catch (WebhookEndpointException e) {
      Feedback.problem(e.getMessage());
    }
    reload();
  }

  @AdminOnly
  public void rotate(EndpointView endpoint) {
    try {
      show(endpoints.rotateSecret(endpoint.id()));
      Feedback.done(
          "New signing secret made; the previous one keeps signing until "
              + time.inSentence(endpoints.require(endpoint.id()).previousSecretUntil())
              + ".");
    } catch (WebhookEndpointException e) {
      Feedback.problem(e.getMessage());
    }
    reload();
  }

  @AdminOnly
  public void delete(EndpointView endpoint) {
    try {
      endpoints.delete(endpoint.id());
      Feedback.done("Endpoint deleted with its deliveries.");
    } catch (WebhookEndpointException e) {
      Feedback.problem(e.getMessage());
    }
    reload();
  }

  /** Forgets the secret shown once. */
  public void dismissSecret() {
    issuedSecret = null;
    issuedFor = null;
  }

  /** "every event" or the list of types. */
  public String typesOf(EndpointView endpoint) {
    return endpoint.eventTypes().isEmpty()
        ? "every event"
        : String.join(", ", endpoint.eventTypes());
  }

  public List<String> getEventTypes() {
    return Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wireName).toList();
  }

  private void show(IssuedEndpointSecret issued) {
    issuedSecret = issued.secret();
    issuedFor = issued.endpoint().url();
  }

  private static void fieldProblem(WebhookEndpointException e) {
    FacesContext faces = FacesContext.getCurrentInstance();
    String field =
        switch (e.field() == null ? "" : e.field()) {
          case "url" -> "createEndpoint:url";
          case "description" -> "createEndpoint:description";
          case "eventTypes" -> "createEndpoint:eventTypes";
          default -> null;
        };
    faces.addMessage(
        field, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), e.getMessage()));
    faces.validationFailed();
  }

  public List<EndpointView> getList() {
    return list;
  }

  public String getNewUrl() {
    return newUrl;
  }

  public void setNewUrl(String newUrl) {
    this.newUrl = newUrl;
  }

  public String getNewDescription() {
    return newDescription;
  }

  public void setNewDescription(String newDescription) {
    this.newDescription = newDescription;
  }

  public List<String> getNewEventTypes() {
    return newEventTypes;
  }

  public void setNewEventTypes(List<String> newEventTypes) {
    this.newEventTypes = newEventTypes;
  }

  public String getIssuedSecret() {
    return issuedSecret;
  }

  public String getIssuedFor() {
    return issuedFor;
  }
}
