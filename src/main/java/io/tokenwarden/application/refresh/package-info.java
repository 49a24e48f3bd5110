/**
 * Application layer: keeping every connection's tokens fresh. The scheduler claims due connections
 * under a lease ({@link io.tokenwarden.application.refresh.RefreshDispatcher}, {@link
 * io.tokenwarden.application.refresh.ConnectionLeases}), {@link
 * io.tokenwarden.application.refresh.RefreshProtocol} runs the rotation-safe refresh (provider call
 * outside any transaction, fenced store through {@link
 * io.tokenwarden.application.refresh.TokenStore}), {@link
 * io.tokenwarden.application.refresh.RefreshService} is the on-demand and manual entry, a pair
 * whose\n * commit fails waits in {@link io.tokenwarden.application.refresh.ParkedPairs} (journaled
 * to local\n * disk by {@link io.tokenwarden.application.refresh.RefreshJournal}), and the
 * provider-wide state (throttle pause, credential alarm) lives in the database so every node sees
 * it.
 */
package io.tokenwarden.application.refresh;
