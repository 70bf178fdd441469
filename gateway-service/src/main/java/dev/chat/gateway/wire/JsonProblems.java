package dev.chat.gateway.wire;

import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Says in plain words what is wrong with a JSON body or frame — which field has which wrong type — without
 * the class names, method signatures or parser internals of the exception (those go to the log).
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    /** A message for the client, or null if {@code failure} has no JSON problem in its causes. */
    public static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                return "'" + path(mismatch) + "' must be " + expected(mismatch.getTargetType());
            }
            if (cause instanceof StreamReadException) {
                return "malformed JSON";
            }
            if (cause instanceof JacksonException) {
                return "the JSON does not have the expected shape";
            }
        }
        return null;
    }

    private static String path(JacksonException e) {
        StringJoiner path = new StringJoiner(".");
        for (JacksonException.Reference reference : e.getPath()) {
            path.add(reference.getPropertyName() != null ? reference.getPropertyName()
                    : Integer.toString(reference.getIndex()));
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.") ? "an object" : "of another type";
    }
}
