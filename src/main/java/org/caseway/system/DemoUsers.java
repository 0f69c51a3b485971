package org.caseway.system;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo profile's people (README lists every login). Only in the demo profile: no demo
 * user exists anywhere else. The admin is demo/demo; the others use caseway.demo.password.
 */
@Profile("demo")
@Component
class DemoUsers {

    record DemoUser(String id, String firstName, String lastName, List<String> groups) {
    }

    static final List<DemoUser> USERS = List.of(
            new DemoUser("demo", "Demo", "Admin", List.of(Roles.ADMIN, Roles.SUPERVISORS)),
            new DemoUser("ivy", "Ivy", "Intake", List.of(Roles.INTAKE)),
            new DemoUser("mary", "Mary", "Mental Health", List.of(Roles.CASE_MANAGERS, Roles.INTAKE, "team-mental-health")),
            new DemoUser("john", "John", "Youth", List.of(Roles.CASE_MANAGERS, Roles.INTAKE, "team-youth")),
            new DemoUser("nina", "Nina", "Nurse", List.of(Roles.CASE_MANAGERS, "team-health")),
            new DemoUser("sam", "Sam", "Supervisor", List.of(Roles.SUPERVISORS, "team-mental-health")),
            new DemoUser("paula", "Paula", "Supervisor", List.of(Roles.SUPERVISORS, "team-youth", "team-health")),
            new DemoUser("alex", "Alex", "Analyst", List.of(Roles.PROCESS_ANALYSTS)),
            new DemoUser("liam", "Liam", "Addictions", List.of(Roles.CASE_MANAGERS, "team-mental-health")),
            new DemoUser("zoe", "Zoe", "Youth", List.of(Roles.CASE_MANAGERS, "team-youth")),
            new DemoUser("omar", "Omar", "Nurse", List.of(Roles.CASE_MANAGERS, "team-health")),
            new DemoUser("hana", "Hana", "Supervisor", List.of(Roles.SUPERVISORS, "team-health")),
            new DemoUser("pat", "Pat", "Program Manager", List.of(Roles.PROGRAM_MANAGERS)));

    static final List<String> TEAMS = List.of("team-mental-health", "team-youth", "team-health");

    private final IdentityService identityService;
    private final TasklistFilters filters;
    private final CasewayProperties properties;

    DemoUsers(IdentityService identityService, TasklistFilters filters, CasewayProperties properties) {
        this.identityService = identityService;
        this.filters = filters;
        this.properties = properties;
    }

    @Order(2)
    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        ensureGroup(Roles.ADMIN, "Camunda administrators", "SYSTEM");
        TEAMS.forEach(team -> ensureGroup(team, team.substring(5).replace('-', ' ') + " team", "TEAM"));
        for (DemoUser demo : USERS) {
            if (identityService.createUserQuery().userId(demo.id()).count() == 0) {
                User user = identityService.newUser(demo.id());
                user.setFirstName(demo.firstName());
                user.setLastName(demo.lastName());
                user.setEmail(demo.id() + "@caseway.example");
                user.setPassword("demo".equals(demo.id()) ? "demo" : properties.demo().password());
                identityService.saveUser(user);
            }
            for (String group : demo.groups()) {
                if (identityService.createUserQuery().userId(demo.id()).memberOfGroup(group).count() == 0) {
                    identityService.createMembership(demo.id(), group);
                }
            }
            filters.ensurePersonalFilter(demo.id());
        }
    }

    private void ensureGroup(String id, String name, String type) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(type);
            identityService.saveGroup(group);
        }
    }
}
