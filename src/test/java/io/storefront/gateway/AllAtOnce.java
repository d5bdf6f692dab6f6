package io.storefront.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs calls on a thread each, released together once every thread is waiting, as a burst of clients would
 * arrive; returns their results in the calls' order, waiting at most a minute for each.
 */
public final class AllAtOnce {

	private AllAtOnce() {
	}

	public static <T> List<T> run(List<Callable<T>> calls) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(calls.size());
		try {
			CountDownLatch ready = new CountDownLatch(calls.size());
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> answers = new ArrayList<>();
			for (Callable<T> call : calls) {
				answers.add(threads.submit(() -> {
					ready.countDown();
					start.await();
					return call.call();
				}));
			}
			ready.await();
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> answer : answers) {
				results.add(answer.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

}
