package io.storefront.gateway.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start without a store into Spring Boot's short "APPLICATION FAILED TO START" report: the one-line
 * reason and what to do, instead of a stack trace.
 */
class NoStoreConfiguredFailureAnalyzer extends AbstractFailureAnalyzer<StoreChoiceCheck.NoStoreConfiguredException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StoreChoiceCheck.NoStoreConfiguredException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set MONGODB_URI to your MongoDB. The embedded store is for development and tests only.", cause);
	}

}
