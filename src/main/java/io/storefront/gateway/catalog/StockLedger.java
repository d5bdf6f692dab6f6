package io.storefront.gateway.catalog;

import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.kernel.Ids;
import io.storefront.gateway.store.ChangeFeed;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Moves stock for checkouts and cancellations with single-document atomic updates only, so it holds without
 * transactions, on the embedded store and on a sharded cluster alike.
 * <p>
 * Every movement leaves a <em>hold</em> in the product document itself, written in the same update as the
 * change of stock: {@code {ref, quantity}}, where ref names the checkout or cancellation and quantity is what
 * was taken (negative for stock given back). Because the change and its record are one write, each movement is
 * applied exactly once however often it is retried, and one that must be undone can be, exactly once. A hold
 * is removed ({@link #settle}) once the checkout or cancellation that made it is durably recorded elsewhere.
 */
@Service
public class StockLedger {

	static final String HOLDS = "holds";

	// The ledger writes the raw collection: the holds are not mapped, and a movement of stock must not bump the
	// version that guards whole-document edits.
	private static final String PRODUCTS = "products";

	private final MongoOperations mongo;

	private final ChangeFeed changes;

	StockLedger(MongoOperations mongo, ChangeFeed changes) {
		this.mongo = mongo;
		this.changes = changes;
	}

	/**
	 * Takes quantity units for ref if the product is listed and has them; true when taken (now or by an earlier
	 * call with the same ref), false when there was not enough stock or the product is archived or unknown.
	 */
	public boolean take(String productId, int quantity, String ref) {
		Query enough = Query.query(Criteria.where("_id").is(new ObjectId(Ids.requireId("productId", productId)))
			.and("archived").is(false)
			.and("stock").gte(quantity)
			.and(HOLDS + ".ref").ne(ref));
		Update take = new Update().inc("stock", -quantity).push(HOLDS, hold(ref, quantity));
		Integer left = moved(enough, take);
		if (left == null) {
			return holds(productId, ref);
		}
		announceIfFlipped(productId, left, left + quantity);
		return true;
	}

	/** Gives quantity units back for ref (a cancellation), once however often it is called. */
	public void giveBack(String productId, int quantity, String ref) {
		Query notYet = Query.query(byId(productId).and(HOLDS + ".ref").ne(ref));
		Integer now = moved(notYet, new Update().inc("stock", quantity).push(HOLDS, hold(ref, -quantity)));
		if (now != null) {
			announceIfFlipped(productId, now, now - quantity);
		}
	}

	// the stock after the update, or null when no product matched
	private @Nullable Integer moved(Query query, Update update) {
		query.fields().include("stock");
		Document after = this.mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true),
				Document.class, PRODUCTS);
		return (after != null) ? ((Number) after.get("stock")).intValue() : null;
	}

	// subscribers to availability hear of a product going in or out of stock, not of every unit sold
	private void announceIfFlipped(String productId, int stock, int before) {
		if ((stock > 0) != (before > 0)) {
			this.changes.changed(Product.COLLECTION, productId);
		}
	}

	/** Undoes ref's hold: puts back what it took and forgets it. Nothing happens when there is no such hold. */
	public void undo(String productId, String ref) {
		Integer taken = heldQuantity(productId, ref);
		if (taken == null) {
			return;
		}
		Query held = Query.query(byId(productId)
			.and(HOLDS)
			.elemMatch(Criteria.where("ref").is(ref).and("quantity").is(taken)));
		Integer now = moved(held, new Update().inc("stock", taken).pull(HOLDS, new Document("ref", ref)));
		if (now != null) {
			announceIfFlipped(productId, now, now - taken);
		}
		dropEmptyHolds(productId);
	}

	/** Forgets ref's hold and keeps the stock as it is: the order or cancellation now accounts for it. */
	public void settle(String productId, String ref) {
		this.mongo.updateFirst(Query.query(byId(productId)), new Update().pull(HOLDS, new Document("ref", ref)),
				PRODUCTS);
		dropEmptyHolds(productId);
	}

	// leaves a product that has no holds exactly as it was before its first one
	private void dropEmptyHolds(String productId) {
		this.mongo.updateFirst(Query.query(byId(productId).and(HOLDS).size(0)), new Update().unset(HOLDS), PRODUCTS);
	}

	private boolean holds(String productId, String ref) {
		return heldQuantity(productId, ref) != null;
	}

	private @Nullable Integer heldQuantity(String productId, String ref) {
		Query query = Query.query(byId(productId).and(HOLDS + ".ref").is(ref));
		query.fields().include(HOLDS);
		Document product = this.mongo.findOne(query, Document.class, PRODUCTS);
		if (product == null) {
			return null;
		}
		List<Document> holds = product.getList(HOLDS, Document.class, List.of());
		return holds.stream()
			.filter((hold) -> ref.equals(hold.getString("ref")))
			.map((hold) -> hold.getInteger("quantity"))
			.findFirst()
			.orElse(null);
	}

	private static Criteria byId(String productId) {
		return Criteria.where("_id").is(new ObjectId(productId));
	}

	private static Document hold(String ref, int quantity) {
		return new Document("ref", ref).append("quantity", quantity);
	}

}
