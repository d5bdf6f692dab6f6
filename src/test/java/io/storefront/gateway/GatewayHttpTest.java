package io.storefront.gateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * An integration test over real HTTP against the whole gateway on the embedded store, with the demo catalog
 * and demo users loaded, and every MongoDB command recorded in a {@link MongoCommandLog}. The recovery sweeper is
 * off, so that nothing but the requests sends commands; the recovery tests call it themselves. Test classes that
 * share it share one running server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.store.demo-data=true", "storefront.checkout.sweeper-enabled=false" })
@Import(MongoCommandLog.class)
public @interface GatewayHttpTest {

}
