package io.storefront.gateway.account;

/**
 * The inputs of the account mutations, as the schema declares them.
 */
final class AccountInputs {

	private AccountInputs() {
	}

	record SignUpInput(String email, String password, String name) {

		@Override
		public String toString() {
			return "SignUpInput[email=" + this.email + "]";
		}

	}

	record LogInInput(String email, String password) {

		@Override
		public String toString() {
			return "LogInInput[email=" + this.email + "]";
		}

	}

}
