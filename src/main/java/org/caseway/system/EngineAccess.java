package org.caseway.system;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.springframework.stereotype.Component;

/** Grants Camunda permissions idempotently: an existing grant gains the permissions, none is duplicated. */
@Component
public class EngineAccess {

    private final AuthorizationService authorizations;

    EngineAccess(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    public void grantGroup(String groupId, Resource resource, String resourceId, Permission... permissions) {
        List<Authorization> existing = authorizations.createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).list();
        save(existing, resource, resourceId, permissions, a -> a.setGroupId(groupId));
    }

    public void grantUser(String userId, Resource resource, String resourceId, Permission... permissions) {
        List<Authorization> existing = authorizations.createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT).userIdIn(userId)
                .resourceType(resource).resourceId(resourceId).list();
        save(existing, resource, resourceId, permissions, a -> a.setUserId(userId));
    }

    private void save(List<Authorization> existing, Resource resource, String resourceId, Permission[] permissions,
                      java.util.function.Consumer<Authorization> owner) {
        Authorization authorization = existing.isEmpty() ? authorizations.createNewAuthorization(AUTH_TYPE_GRANT)
                : existing.get(0);
        if (existing.isEmpty()) {
            owner.accept(authorization);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        boolean changed = existing.isEmpty();
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(authorization);
        }
    }
}
