package org.caseway.system;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.GROUP;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.USER;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.core.annotation.Order;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Caseway's roles as Camunda groups with least-privilege grants, in every profile and idempotently.
 * Which people hold a role is the agency's data (the demo profile seeds examples).
 */
@Component
class RoleBootstrap {

    private static final Map<String, String> ROLE_NAMES = Map.of(
            Roles.INTAKE, "Intake workers",
            Roles.CASE_MANAGERS, "Case managers",
            Roles.SUPERVISORS, "Supervisors",
            Roles.PROCESS_ANALYSTS, "Process analysts",
            Roles.PROGRAM_MANAGERS, "Program managers");

    private final IdentityService identityService;
    private final EngineAccess access;

    RoleBootstrap(IdentityService identityService, EngineAccess access) {
        this.identityService = identityService;
        this.access = access;
    }

    @Order(0)
    @EventListener(ApplicationReadyEvent.class)
    void ensureRoles() {
        ROLE_NAMES.forEach((id, name) -> {
            if (identityService.createGroupQuery().groupId(id).count() == 0) {
                Group group = identityService.newGroup(id);
                group.setName(name);
                group.setType("ROLE");
                identityService.saveGroup(group);
            }
        });
        for (String worker : List.of(Roles.INTAKE, Roles.CASE_MANAGERS, Roles.SUPERVISORS, Roles.PROGRAM_MANAGERS)) {
            access.grantGroup(worker, APPLICATION, "tasklist", ACCESS);
            access.grantGroup(worker, PROCESS_DEFINITION, "*", READ);
            access.grantGroup(worker, USER, "*", READ);
            access.grantGroup(worker, GROUP, "*", READ);
        }
        for (String overseer : List.of(Roles.SUPERVISORS, Roles.PROGRAM_MANAGERS, Roles.PROCESS_ANALYSTS)) {
            access.grantGroup(overseer, APPLICATION, "cockpit", ACCESS);
            access.grantGroup(overseer, DECISION_DEFINITION, "*", READ);
            access.grantGroup(overseer, DEPLOYMENT, "*", READ);
        }
        // supervisors oversee running cases; analysts see the models, never a case's data, and
        // deploy through the repository and a restart (a deployment is code that runs in Caseway)
        access.grantGroup(Roles.SUPERVISORS, PROCESS_DEFINITION, "*", READ_INSTANCE, READ_HISTORY);
        access.grantGroup(Roles.PROGRAM_MANAGERS, PROCESS_DEFINITION, "*", READ_INSTANCE, READ_HISTORY);
        access.grantGroup(Roles.PROCESS_ANALYSTS, APPLICATION, "tasklist", ACCESS);
    }
}
