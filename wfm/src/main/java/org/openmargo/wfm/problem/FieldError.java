package org.openmargo.wfm.problem;

/**
 * One entry of the problem {@code errors[]} member: which field broke which rule.
 *
 * @param field   a dotted path into the request document, for example {@code properties.supportedRuntimes[0]}
 * @param message what rule the field breaks, readable by an operator
 */
public record FieldError(String field, String message) {
}
