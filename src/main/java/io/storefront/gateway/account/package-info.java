/**
 * Accounts: users, signing up and logging in (throttled per account, address and password hash in flight), the
 * sessions a token belongs to, the roles staff manage, and the demo accounts.
 */
@NullMarked
package io.storefront.gateway.account;

import org.jspecify.annotations.NullMarked;
