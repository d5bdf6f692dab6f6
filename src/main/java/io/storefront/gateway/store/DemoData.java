package io.storefront.gateway.store;

/**
 * A feature's demo data. The store decides when demo data is loaded; each feature knows what its own is.
 */
public interface DemoData {

	/** What this is, for the log: for example {@code "catalog"}. */
	String name();

	/** True when the feature's collection holds nothing yet, so loading cannot clash with real data. */
	boolean isEmpty();

	/** Writes the demo documents; returns how many. The same documents every time. */
	int load();

}
