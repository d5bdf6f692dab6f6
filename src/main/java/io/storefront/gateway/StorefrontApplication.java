package io.storefront.gateway;

import java.time.Clock;
import java.util.Arrays;

import io.storefront.gateway.contract.OperationCheckCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class StorefrontApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals(OperationCheckCommand.NAME)) {
			System.exit(OperationCheckCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
		}
		SpringApplication.run(StorefrontApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
