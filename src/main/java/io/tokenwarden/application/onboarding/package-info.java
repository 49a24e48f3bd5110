/**
 * Application layer: onboarding a tenant's FreeAgent account. Issues and revokes onboarding links
 * ({@link io.tokenwarden.application.onboarding.OnboardingLinkService}) and runs the OAuth
 * authorization-code flow behind the tenant-facing pages ({@link
 * io.tokenwarden.application.onboarding.ConnectService}): every failure leaves the stored
 * connection and the link as they were.
 */
package io.tokenwarden.application.onboarding;
