/** Runtime facts every layer may need: the clock and this node's identity. */
package io.tokenwarden.infrastructure.runtime;
