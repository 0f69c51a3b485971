package org.caseway.system;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Who is asking: the user the authentication filter (or Tasklist) gave the engine. */
@Component
public class CurrentUser {

    private static final String SYSTEM = "system";

    private final IdentityService identityService;

    CurrentUser(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** The user's id, or "system" for work the engine does on its own (job executor). */
    public String id() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? SYSTEM : authentication.getUserId();
    }

    public List<String> groups() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null || authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    }

    public boolean hasAnyRole(Collection<String> roles) {
        return groups().stream().anyMatch(roles::contains);
    }

    /** Throws {@link AccessDeniedException} unless the caller holds one of the roles. */
    public void requireAnyRole(Collection<String> roles) {
        if (!hasAnyRole(roles)) {
            throw new AccessDeniedException("Your role does not allow this. Required one of: " + String.join(", ", roles));
        }
    }

    /**
     * Runs engine queries without the caller's authorization filter, after Caseway has checked
     * access itself (for example to list the open tasks of a case the caller may read).
     */
    public <T> T withoutEngineAuthorization(Supplier<T> work) {
        Authentication authentication = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (authentication != null) {
                identityService.setAuthentication(authentication);
            }
        }
    }
}
