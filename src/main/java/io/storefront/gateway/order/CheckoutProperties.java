package io.storefront.gateway.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of checkout recovery under {@code storefront.checkout}.
 *
 * @param staleAfter how long a checkout may stay unfinished before the sweeper takes it to be dead and repairs
 * it; far longer than a checkout takes
 * @param sweepInterval how often each gateway looks for such checkouts
 * @param sweeperEnabled whether this gateway sweeps at all (at start-up and every interval); off only where
 * another process sweeps, or in tests that count the store's commands
 */
@ConfigurationProperties("storefront.checkout")
record CheckoutProperties(@DefaultValue("2m") Duration staleAfter, @DefaultValue("30s") Duration sweepInterval,
		@DefaultValue("true") boolean sweeperEnabled) {

}
