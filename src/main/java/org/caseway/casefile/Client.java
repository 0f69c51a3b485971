package org.caseway.casefile;

import java.time.LocalDate;

/** The person a case is about. Never logged. */
public record Client(long id, String firstName, String lastName, LocalDate dateOfBirth,
                     String preferredLanguage, String phone, String email) {

    @Override
    public String toString() {
        return "Client[id=" + id + "]";
    }
}
