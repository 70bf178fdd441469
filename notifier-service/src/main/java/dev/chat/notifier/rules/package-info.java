/**
 * When to notify whom: pure rules on plain data, tested with given/when/expect scenarios and a fake clock
 * ({@code NotificationScenario}). No Kafka, Mongo, mail or HTTP here: the adapters feed events in, store what
 * {@link dev.chat.notifier.rules.NotificationRules} folds, and ask it at due time what to send.
 */
package dev.chat.notifier.rules;
