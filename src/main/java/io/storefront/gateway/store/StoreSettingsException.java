package io.storefront.gateway.store;

/** The store's settings can't work: start-up is refused with the reason and what to do about it. */
class StoreSettingsException extends IllegalStateException {

	private final String action;

	StoreSettingsException(String reason, String action) {
		super(reason);
		this.action = action;
	}

	String action() {
		return this.action;
	}

}
