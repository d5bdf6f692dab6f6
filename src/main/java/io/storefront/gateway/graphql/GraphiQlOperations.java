package io.storefront.gateway.graphql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The example operations GraphiQL opens as tabs: a welcome tab, then the operations of {@code docs/operations}
 * (packaged as {@code operations/} on the classpath).
 */
public final class GraphiQlOperations {

	static final String WELCOME = """
			# Welcome. The tabs hold the operations of the main frontend flows (docs/operations).
			# Press the run button, or Ctrl-Enter.
			query welcome {
			  products(first: 3, sort: PRICE_ASC) {
			    edges {
			      node {
			        name
			        price {
			          amount
			          currency
			        }
			      }
			    }
			  }
			}
			""";

	private GraphiQlOperations() {
	}

	/** The welcome tab first, then every example operation, by file name. */
	public static List<Map<String, String>> all() {
		List<Map<String, String>> operations = new ArrayList<>();
		operations.add(Map.of("name", "welcome", "query", WELCOME));
		try {
			Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:operations/*.graphql");
			Arrays.sort(files, Comparator.comparing(Resource::getFilename));
			for (Resource file : files) {
				operations.add(Map.of("name", file.getFilename().replace(".graphql", ""), "query",
						file.getContentAsString(StandardCharsets.UTF_8)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return operations;
	}

}
