package org.openmargo.wfm.store;

import org.junit.jupiter.api.Nested;

/**
 * Every store contract, run against the database a subclass opens: JUnit runs these nested classes once for each
 * concrete subclass ({@link H2StoreTest}, {@link PostgresStoreTest}), so both databases pass exactly the same tests.
 */
abstract class StoreSuite {

    /** The database of this run, opened by the subclass before the nested tests run. */
    abstract TestDatabase database();

    @Nested
    class DesiredState extends DesiredStateStoreContract {
        @Override
        TestDatabase db() {
            return database();
        }
    }

    @Nested
    class DesiredStateConcurrency extends DesiredStateConcurrencyContract {
        @Override
        TestDatabase db() {
            return database();
        }
    }

    @Nested
    class Devices extends DeviceStoreContract {
        @Override
        TestDatabase db() {
            return database();
        }
    }

    @Nested
    class Statuses extends StatusStoreContract {
        @Override
        TestDatabase db() {
            return database();
        }
    }

    @Nested
    class Clients extends ClientRegistryContract {
        @Override
        TestDatabase db() {
            return database();
        }
    }

    @Nested
    class EnrollmentTokens extends EnrollmentTokenStoreContract {
        @Override
        TestDatabase db() {
            return database();
        }
    }

    @Nested
    class Audit extends AuditStoreContract {
        @Override
        TestDatabase db() {
            return database();
        }
    }

    @Nested
    class Anchors extends AnchorStoreContract {
        @Override
        TestDatabase db() {
            return database();
        }
    }

    @Nested
    class Catalogue extends CatalogueStoreContract {
        @Override
        TestDatabase db() {
            return database();
        }
    }

    @Nested
    class LimitsAndFailures extends LimitsAndFailuresContract {
        @Override
        TestDatabase db() {
            return database();
        }
    }
}
