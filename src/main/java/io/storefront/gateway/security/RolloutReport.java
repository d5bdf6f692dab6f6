package io.storefront.gateway.security;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a rule being rolled out would have denied, in {@code REPORT_ONLY} mode: each would-be denial counted in
 * {@code storefront.authorization.rollout.denials} (tagged by field and rule), and logged once per operation and
 * field, so that an operator sees what enforcing the rule will change before it does.
 */
final class RolloutReport {

	static final String METRIC = "storefront.authorization.rollout.denials";

	private static final Logger logger = LoggerFactory.getLogger(RolloutReport.class);

	private static final String LOGGED = RolloutReport.class.getName() + ".logged";

	private final @Nullable MeterRegistry meters;

	RolloutReport(@Nullable MeterRegistry meters) {
		this.meters = meters;
	}

	void wouldDeny(DataFetchingEnvironment env, String field, AccessRule rule, Caller caller) {
		if (this.meters != null) {
			Counter.builder(METRIC)
				.description("Denials a rule marked rollout: true would have made, had it been enforced")
				.tag("field", field)
				.tag("rule", rule.directive())
				.register(this.meters)
				.increment();
		}
		GraphQLContext context = env.getGraphQlContext();
		Set<String> logged = context.computeIfAbsent(LOGGED, (key) -> ConcurrentHashMap.newKeySet());
		if (logged.add(field)) {
			logger.info("report-only: {} would deny {} to {} (operation {})", rule.directive(), field,
					caller.isAuthenticated() ? "user " + caller.userId() + " " + caller.roles() : "an anonymous caller",
					(env.getOperationDefinition().getName() != null) ? env.getOperationDefinition().getName() : "anonymous");
		}
	}

}
