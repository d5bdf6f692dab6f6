package io.storefront.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records every command the gateway sends to MongoDB and how many documents each read returned, so a test can
 * prove what was read (not only what was returned) and that a denied resolver sent nothing.
 * <p>
 * Each command is tagged with the HTTP request it was sent for (the sync driver reports a command on the thread
 * that sends it, which is the request's). {@link #since(int)} returns only commands sent for requests, so work of
 * the application's own (start-up, the sweeper, a token's user check on another thread) never counts.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MongoCommandLog implements CommandListener {

	/**
	 * One command: its name, its collection, the documents it returned (0 for writes), the filter it selected
	 * documents with (empty when it has none), to prove what a write was confined to, and the fields a find asked
	 * for (empty when it asked for whole documents).
	 */
	public record Command(String name, String collection, int documentsRead, BsonDocument filter, String request,
			BsonDocument projection) {

		/** Whether it was sent while serving an HTTP request. */
		public boolean forRequest() {
			return !this.request.isEmpty();
		}

	}

	private final List<Command> commands = new CopyOnWriteArrayList<>();

	private final Map<Integer, Command> started = new ConcurrentHashMap<>();

	@Bean
	MongoClientSettingsBuilderCustomizer mongoCommandLogCustomizer() {
		return (settings) -> settings.addCommandListener(this);
	}

	/** A mark to read the commands sent after it. */
	public int mark() {
		return this.commands.size();
	}

	/** The commands sent for HTTP requests since the mark. */
	public List<Command> since(int mark) {
		return allSince(mark).stream().filter(Command::forRequest).toList();
	}

	/** Every command sent since the mark, for requests or not. */
	public List<Command> allSince(int mark) {
		return List.copyOf(this.commands.subList(mark, this.commands.size()));
	}

	/**
	 * Every command sent since the mark but the reads of a caller's standing (their roles and open sessions), which
	 * signing in makes at most once per {@code recheck-after} whatever the operation: what the operation itself
	 * sent.
	 */
	public List<Command> allButStandingSince(int mark) {
		return allSince(mark).stream()
			.filter((command) -> !(command.collection().equals("users") && command.projection().containsKey("sessions")))
			.toList();
	}

	/** The commands sent since the mark to one collection. */
	public List<Command> since(int mark, String collection) {
		return since(mark).stream().filter((command) -> command.collection().equals(collection)).toList();
	}

	@Override
	public void commandStarted(CommandStartedEvent event) {
		BsonDocument command = event.getCommand();
		BsonValue target = command.get(event.getCommandName());
		String collection = (target != null && target.isString()) ? target.asString().getValue() : "";
		if ("getMore".equals(event.getCommandName()) && command.containsKey("collection")) {
			collection = command.getString("collection").getValue();
		}
		this.started.put(event.getRequestId(),
				new Command(event.getCommandName(), collection, 0, filterOf(command), currentRequest(),
						command.isDocument("projection") ? command.getDocument("projection").clone() : new BsonDocument()));
	}

	@Override
	public void commandSucceeded(CommandSucceededEvent event) {
		Command command = this.started.remove(event.getRequestId());
		if (command == null || command.name().equals("hello") || command.name().equals("isMaster")
				|| command.name().equals("ping")) {
			return;
		}
		BsonDocument response = event.getResponse();
		int read = 0;
		if (response.containsKey("cursor")) {
			BsonDocument cursor = response.getDocument("cursor");
			String batch = cursor.containsKey("firstBatch") ? "firstBatch" : "nextBatch";
			read = cursor.containsKey(batch) ? cursor.getArray(batch).size() : 0;
		}
		else if (response.containsKey("value") && response.get("value").isDocument()) {
			read = 1;
		}
		this.commands.add(new Command(command.name(), command.collection(), read, command.filter(), command.request(),
				command.projection()));
	}

	private static String currentRequest() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest().getRequestId();
		}
		return "";
	}

	private static BsonDocument filterOf(BsonDocument command) {
		for (String key : new String[] { "query", "filter" }) {
			if (command.isDocument(key)) {
				return command.getDocument(key).clone();
			}
		}
		for (String key : new String[] { "updates", "deletes" }) {
			if (command.isArray(key) && !command.getArray(key).isEmpty()) {
				return command.getArray(key).get(0).asDocument().getDocument("q").clone();
			}
		}
		return new BsonDocument();
	}

}
