/**
 * The application layer: use cases (onboarding, connecting, refreshing, handing out tokens, tenant
 * and key administration). Each opens its units of work through {@link
 * io.tokenwarden.infrastructure.persistence.TenantScope} and speaks the domain's language.
 */
package io.tokenwarden.application;
