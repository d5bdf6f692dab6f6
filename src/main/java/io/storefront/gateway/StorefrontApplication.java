package io.storefront.gateway;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;

import io.storefront.gateway.account.AccountService;
import io.storefront.gateway.account.User;
import io.storefront.gateway.contract.OperationCheckCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class StorefrontApplication {

	static final String GRANT_ADMIN = "grant-admin";

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals(OperationCheckCommand.NAME)) {
			System.exit(OperationCheckCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
		}
		if (args.length > 0 && args[0].equals(GRANT_ADMIN)) {
			System.exit(grantAdmin(Arrays.copyOfRange(args, 1, args.length), System.out));
		}
		SpringApplication.run(StorefrontApplication.class, args);
	}

	/**
	 * {@code java -jar storefront-gateway.jar grant-admin EMAIL [--property=value ...]}: makes an existing user
	 * ADMIN, against the MongoDB the gateway is configured with, without starting the web server. How a new
	 * deployment gets its first ADMIN, since sign-up only ever makes customers.
	 */
	static int grantAdmin(String[] args, PrintStream out) {
		if (args.length < 1 || args[0].startsWith("--")) {
			out.println("usage: java -jar storefront-gateway.jar " + GRANT_ADMIN + " <email> [--property=value ...]");
			return 2;
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StorefrontApplication.class)
			.web(WebApplicationType.NONE)
			.run(Arrays.copyOfRange(args, 1, args.length))) {
			User user = context.getBean(AccountService.class).grantAdmin(args[0]);
			out.println("ADMIN granted: user " + user.id() + " now has " + user.roles());
			return 0;
		}
		catch (IllegalArgumentException ex) {
			out.println(ex.getMessage());
			return 1;
		}
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
