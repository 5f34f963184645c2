/**
 * What operators' actions rest on, outside any HTTP or orchestration code: whether a target is frozen
 * (the newest freeze or unfreeze record in the target's audit partition, so the state is as durable as
 * the audit trail and every change of it is audited by construction), and which image a rollback
 * goes back to.
 */
package io.acapromoter.operations;
