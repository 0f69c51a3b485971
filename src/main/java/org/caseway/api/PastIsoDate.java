package org.caseway.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.caseway.casefile.CaseClock;

/** A date as YYYY-MM-DD, not in the future and not before 1900. */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PastIsoDate.Validator.class)
@interface PastIsoDate {
    String message() default "must be a date (YYYY-MM-DD) in the past";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PastIsoDate, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            LocalDate date;
            try {
                date = LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                return reject(context, "must be a date in the form YYYY-MM-DD");
            }
            if (date.isAfter(CaseClock.now().toLocalDate())) {
                return reject(context, "must not be in the future");
            }
            if (date.getYear() < 1900) {
                return reject(context, "must not be before 1900");
            }
            return true;
        }

        private static boolean reject(ConstraintValidatorContext context, String message) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
            return false;
        }
    }
}
