/** MicroProfile Health checks: what a load balancer or Kubernetes asks before sending traffic. */
package io.tokenwarden.interfaces.health;
