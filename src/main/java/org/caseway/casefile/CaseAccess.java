package org.caseway.casefile;

import java.util.List;
import org.caseway.system.AccessDeniedException;
import org.caseway.system.CurrentUser;
import org.caseway.system.Roles;
import org.springframework.stereotype.Component;

/**
 * Who may read and act on a case: administrators; before the case has a team (intake), every case
 * worker; afterwards the members of its team (its case managers and supervisors).
 */
@Component
public class CaseAccess {

    private final CurrentUser currentUser;
    private final CaseFiles caseFiles;

    CaseAccess(CurrentUser currentUser, CaseFiles caseFiles) {
        this.currentUser = currentUser;
        this.caseFiles = caseFiles;
    }

    /** The case the caller may read and act on: 403 for the wrong role or team, 404 for no such case. */
    public CaseFile caseFor(String caseNumber) {
        currentUser.requireAnyRole(Roles.CASE_WORKERS);
        CaseFile caseFile = caseFiles.getByNumber(caseNumber);
        require(caseFile);
        return caseFile;
    }

    public void require(CaseFile caseFile) {
        currentUser.requireAnyRole(Roles.CASE_WORKERS);
        if (caseFile.team() != null && !currentUser.hasAnyRole(List.of(Roles.ADMIN, caseFile.team()))) {
            throw new AccessDeniedException("Case " + caseFile.caseNumber() + " belongs to another team");
        }
    }
}
