package org.openmargo.wfm.fleet;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows behind the fleet layer: intents, their members and the operator-assigned labels of clients. No rules;
 * calls made inside a transaction callback join that transaction.
 */
public interface FleetRows {

    void insertIntent(Intent intent);

    /** Replaces the mutable parts of an intent (app version, profile, parameters, selector, flags). */
    void updateIntent(Intent intent);

    /** Deletes the intent row (its members go by cascade). */
    void deleteIntent(String intentId);

    Optional<Intent> intent(String intentId);

    /** Locks the intent row ({@code SELECT ... FOR UPDATE}); empty when there is none. */
    Optional<Intent> lockIntent(String intentId);

    /**
     * The id of the active (running or paused) rollout of an intent, if any. Read under the intent's row lock it is
     * stable: a rollout starts only while holding that lock.
     */
    Optional<String> activeRollout(String intentId);

    /** Every intent, including deleted ones not yet cleared, ordered by name. */
    List<Intent> intents();

    /** The members of one client, of every intent. */
    List<Member> members(String clientId);

    /** The members of one intent, ordered by client id then device id. */
    List<Member> membersOf(String intentId);

    /** Ids of the clients that have at least one member. */
    List<String> memberClients();

    /** Inserts or replaces a member. */
    void putMember(Member member);

    void deleteMember(String intentId, String clientId, String deviceId);

    /** The operator-assigned labels of a client. */
    Map<String, String> labels(String clientId);

    /** Sets a label; returns the previous value. */
    Optional<String> putLabel(String clientId, String name, String value);

    /** Removes a label; false when it was not set. */
    boolean removeLabel(String clientId, String name);

    /** Clients that have operator labels, each with its labels. */
    Map<String, Map<String, String>> allLabels();
}
