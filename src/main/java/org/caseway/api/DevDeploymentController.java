package org.caseway.api;

import java.util.List;
import org.caseway.modeling.DevRedeployer;
import org.caseway.modeling.DevRedeployer.Redeploy;
import org.caseway.system.CurrentUser;
import org.caseway.system.Roles;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dev profile's hot redeploys, newest first: per file the versions deployed, or the problems (file, element
 * id, problem) that kept a change out. Process analysts and administrators only; absent outside the dev profile.
 * processes/README.md "Fast feedback with the dev profile".
 */
@Profile("dev")
@RestController
@RequestMapping("/api/dev")
class DevDeploymentController {

    private static final List<String> READERS = List.of(Roles.PROCESS_ANALYSTS, Roles.ADMIN);

    private final DevRedeployer redeployer;
    private final CurrentUser currentUser;

    DevDeploymentController(DevRedeployer redeployer, CurrentUser currentUser) {
        this.redeployer = redeployer;
        this.currentUser = currentUser;
    }

    @GetMapping("/deployments")
    List<Redeploy> deployments() {
        currentUser.requireAnyRole(READERS);
        return redeployer.recent();
    }
}
