/**
 * Accounts: users, signing up and logging in, and the roles staff manage.
 */
@NullMarked
package io.storefront.gateway.account;

import org.jspecify.annotations.NullMarked;
