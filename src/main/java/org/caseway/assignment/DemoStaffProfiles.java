package org.caseway.assignment;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The demo profile's staff profiles (the demo users are seeded by the system package's DemoUsers). */
@Profile("demo")
@Component
class DemoStaffProfiles {

    /** The demo people's profiles: team, role, qualifications, languages, caseload cap. */
    static final List<StaffProfiles.Profile> PROFILES = List.of(
            caseManager("mary", "team-mental-health", Set.of("CLINICAL_LICENSE", "ADDICTION_COUNSELLING"), Set.of("en", "es")),
            caseManager("liam", "team-mental-health", Set.of("CLINICAL_LICENSE", "ADDICTION_COUNSELLING"), Set.of("en")),
            caseManager("john", "team-youth", Set.of("CHILD_WELFARE"), Set.of("en")),
            caseManager("zoe", "team-youth", Set.of("CHILD_WELFARE"), Set.of("en", "vi")),
            caseManager("nina", "team-health", Set.of("LICENSED_RN"), Set.of("en", "pt")),
            caseManager("omar", "team-health", Set.of("LICENSED_RN"), Set.of("en", "so")),
            supervisor("sam", "team-mental-health"),
            supervisor("paula", "team-youth"),
            supervisor("hana", "team-health"));

    private static StaffProfiles.Profile caseManager(String id, String team, Set<String> qualifications,
                                                     Set<String> languages) {
        return new StaffProfiles.Profile(id, team, StaffProfiles.Role.CASE_MANAGER, qualifications, languages, 40,
                true, null);
    }

    private static StaffProfiles.Profile supervisor(String id, String team) {
        return new StaffProfiles.Profile(id, team, StaffProfiles.Role.SUPERVISOR, Set.of(), Set.of(), 0, true, null);
    }

    private final StaffProfiles staff;

    DemoStaffProfiles(StaffProfiles staff) {
        this.staff = staff;
    }

    @Order(3)
    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        PROFILES.stream().filter(p -> staff.find(p.userId()).isEmpty()).forEach(staff::save);
    }
}
