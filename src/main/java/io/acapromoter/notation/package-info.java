/**
 * Notary Project (Notation) signatures: verifying a signature envelope against a target's trust,
 * without I/O. Fetching envelopes from the registry is the activities' job, through the
 * {@code Registry} port.
 */
package io.acapromoter.notation;
