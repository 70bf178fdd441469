/**
 * The platform's one vocabulary: commands (imperative), events (past tense), command outcomes, user
 * profiles, the topic catalogue and the CloudEvents envelope. Plain Java records plus a codec; no
 * Spring, so every service and every external consumer can speak it.
 *
 * <p>Evolution rule: change contracts additively. New fields are optional, consumers ignore unknown
 * fields, and a breaking change gets a new type name ({@code .v2}) and a new topic version.
 */
package dev.chat.contracts;
