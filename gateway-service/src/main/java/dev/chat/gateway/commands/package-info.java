/**
 * The command kernel every feature shares: {@link dev.chat.gateway.commands.CommandBus} publishes a command and awaits
 * message-service's outcome (bounded in flight by {@link dev.chat.gateway.commands.InFlightLimit}), one
 * {@link dev.chat.gateway.commands.CommandResult} comes back, a {@link dev.chat.gateway.commands.Refusal} says why not,
 * {@link dev.chat.gateway.commands.RestRefusals} maps it once for REST, and
 * {@link dev.chat.gateway.commands.ActionBudgets} meters what a user may do. Messages, groups, blocks, profiles and
 * uploads use it; it knows none of them (ArchitectureTest).
 */
package dev.chat.gateway.commands;
