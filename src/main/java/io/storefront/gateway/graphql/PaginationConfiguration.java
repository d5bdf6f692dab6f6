package io.storefront.gateway.graphql;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorEncoder;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.pagination.EncodingCursorStrategy;

/**
 * Replaces the framework's default cursor strategy, which would accept any JSON it can type, with one that
 * accepts only the keyset values our listings issue. Spring for GraphQL picks this bean up both to write
 * cursors for returned windows and to read {@code after} into a {@code ScrollSubrange}.
 */
@Configuration(proxyBeanMethods = false)
class PaginationConfiguration {

	@Bean
	EncodingCursorStrategy<ScrollPosition> cursorStrategy() {
		// the strategy encodes (base64url) itself, so that a malformed cursor fails in one place with one error
		return CursorStrategy.withEncoder(new KeysetCursorStrategy(), CursorEncoder.noOpEncoder());
	}

}
