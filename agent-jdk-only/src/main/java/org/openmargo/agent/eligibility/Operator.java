package org.openmargo.agent.eligibility;

import java.util.Arrays;
import java.util.Optional;

/** The rc.3 {@code MatchExpression.operator} values (digest f.2), with what each needs besides the key. */
enum Operator {
    IN("In", Needs.VALUES),
    NOT_IN("NotIn", Needs.VALUES),
    EXISTS("Exists", Needs.NOTHING),
    DOES_NOT_EXIST("DoesNotExist", Needs.NOTHING),
    GT("Gt", Needs.ONE_NUMBER),
    LT("Lt", Needs.ONE_NUMBER),
    CONTAINS_ALL("ContainsAll", Needs.ITEM_SELECTOR),
    CONTAINS_ANY("ContainsAny", Needs.ITEM_SELECTOR);

    /** The operands an operator takes. */
    enum Needs { VALUES, NOTHING, ONE_NUMBER, ITEM_SELECTOR }

    private final String wireName;
    private final Needs needs;

    Operator(String wireName, Needs needs) {
        this.wireName = wireName;
        this.needs = needs;
    }

    String wireName() {
        return wireName;
    }

    Needs needs() {
        return needs;
    }

    /** The operator of that exact (case-sensitive) name. */
    static Optional<Operator> of(String wireName) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(wireName)).findFirst();
    }
}
