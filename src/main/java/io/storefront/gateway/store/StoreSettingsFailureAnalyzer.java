package io.storefront.gateway.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start refused for the store's settings into Spring Boot's short "APPLICATION FAILED TO START" report:
 * the one-line reason and what to do, instead of a stack trace.
 */
class StoreSettingsFailureAnalyzer extends AbstractFailureAnalyzer<StoreSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StoreSettingsException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
