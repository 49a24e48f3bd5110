/**
 * Interfaces layer: the EJB timers, driving adapters that start work on a schedule and call the
 * application, as a page or an API request does for a person or a program. A non-persistent tick on
 * every node claims due connections; the cluster-once maintenance jobs run on a persistent timer
 * where Liberty's timer store exists (PostgreSQL) and on a non-persistent one on the single-node H2
 * default. Being here, not in infrastructure, keeps every call into the use cases coming from the
 * interfaces layer.
 */
package io.tokenwarden.interfaces.scheduling;
