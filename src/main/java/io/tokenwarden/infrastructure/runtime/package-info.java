/** Runtime facts every layer may need: the clock, this node's identity and its public URL. */
package io.tokenwarden.infrastructure.runtime;
