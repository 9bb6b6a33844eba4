/**
 * Idle strategies: how a polling thread waits when it finds no work. The bus's dispatch threads
 * and its publishers blocked on a full lane use them, and so can any thread of an application or
 * benchmark that polls; {@link io.hftbus.core.idle.IdleStrategy} is the one interface, one class
 * per strategy.
 */
package io.hftbus.core.idle;
