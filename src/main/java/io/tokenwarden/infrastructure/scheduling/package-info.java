/**
 * Infrastructure: the EJB timers that drive the refresh engine. A non-persistent tick on every node
 * claims due connections; the cluster-once maintenance jobs run on a persistent timer where
 * Liberty's timer store exists (PostgreSQL) and on a non-persistent one on the single-node H2
 * default.
 */
package io.tokenwarden.infrastructure.scheduling;
