package org.caseway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Caseway: case management orchestration on Camunda 7. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CasewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(CasewayApplication.class, args);
    }
}
