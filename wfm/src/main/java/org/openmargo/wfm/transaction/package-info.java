/** The transaction callback shared by the domain services and implemented by the store. */
package org.openmargo.wfm.transaction;
