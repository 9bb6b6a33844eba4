/**
 * The stages of the example trading pipeline. They depend on {@code io.hftbus.api} alone, as
 * application code should; the assembly that picks an implementation lives elsewhere. See
 * {@link io.hftbus.examples.pipeline.Pipeline} for the data flow and why a run is reproducible.
 */
package io.hftbus.examples.pipeline;
