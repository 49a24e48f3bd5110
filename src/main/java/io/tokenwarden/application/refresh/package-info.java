/**
 * Application layer: keeping every connection's tokens fresh. The scheduler claims due connections
 * under a lease, {@link io.tokenwarden.application.refresh.RefreshService} runs the rotation-safe
 * refresh (provider call outside any transaction, fenced store), and the provider-wide state
 * (throttle pause, credential alarm) lives in the database so every node sees it.
 */
package io.tokenwarden.application.refresh;
