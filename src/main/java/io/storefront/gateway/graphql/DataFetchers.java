package io.storefront.gateway.graphql;

import java.lang.reflect.Method;
import java.util.Map;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;
import org.springframework.graphql.execution.SelfDescribingDataFetcher;

/**
 * Wraps a field's data fetcher once, when the schema is built, so that the wrapper still tells what it wraps:
 * Spring's schema inspection reads a controller method's types through {@link SelfDescribingDataFetcher}, and
 * graphql-java and Spring spare a {@link TrivialDataFetcher} (one that reads a property, no I/O) their per-call
 * bookkeeping.
 */
public final class DataFetchers {

	private DataFetchers() {
	}

	/**
	 * Whether this fetcher only reads what is at hand: a property, or graphql-java's own (introspection), as
	 * opposed to the gateway's controllers, which read the store.
	 */
	public static boolean isTrivial(DataFetcher<?> dataFetcher) {
		return dataFetcher instanceof TrivialDataFetcher || dataFetcher.getClass().getPackageName().startsWith("graphql.");
	}

	/** The wrapper, declared to be what its delegate is. */
	public static DataFetcher<?> wrap(DataFetcher<?> delegate, DataFetcher<?> wrapper) {
		if (delegate instanceof SelfDescribingDataFetcher<?> described) {
			return new Described(wrapper, described);
		}
		if (delegate instanceof TrivialDataFetcher<?>) {
			return new Trivial(wrapper);
		}
		return wrapper;
	}

	private record Trivial(DataFetcher<?> wrapper) implements TrivialDataFetcher<Object> {

		@Override
		public @Nullable Object get(DataFetchingEnvironment environment) throws Exception {
			return this.wrapper.get(environment);
		}

	}

	private record Described(DataFetcher<?> wrapper, SelfDescribingDataFetcher<?> delegate)
			implements SelfDescribingDataFetcher<Object> {

		@Override
		public @Nullable Object get(DataFetchingEnvironment environment) throws Exception {
			return this.wrapper.get(environment);
		}

		@Override
		public String getDescription() {
			return this.delegate.getDescription();
		}

		@Override
		public ResolvableType getReturnType() {
			return this.delegate.getReturnType();
		}

		@Override
		public Map<String, ResolvableType> getArguments() {
			return this.delegate.getArguments();
		}

		@Override
		public @Nullable Method asMethod() {
			return this.delegate.asMethod();
		}

		@Override
		public boolean usesDataLoader() {
			return this.delegate.usesDataLoader();
		}

	}

}
