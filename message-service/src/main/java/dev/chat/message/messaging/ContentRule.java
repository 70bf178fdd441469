package dev.chat.message.messaging;

import dev.chat.contracts.RejectionCode;
import java.util.Optional;

/** How long content may be, and when it may be blank: the same for a new message and an edit. */
record ContentRule(int maxContentLength) {

    /** Why this content cannot be stored; empty if it can. */
    Optional<Problem> problem(String content, boolean mayBeBlank) {
        String text = content == null ? "" : content;
        if (text.codePointCount(0, text.length()) > maxContentLength) {
            return Optional.of(new Problem(RejectionCode.TOO_LARGE,
                    "content is longer than " + maxContentLength + " characters"));
        }
        if (!mayBeBlank && text.isBlank()) {
            return Optional.of(Problem.invalid("content must not be blank"));
        }
        return Optional.empty();
    }
}
