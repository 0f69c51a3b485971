package org.caseway.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The text is the name of one of the enum's constants. Enums arrive as text so that an unknown
 * value is reported with every other bad field of the request, naming the allowed values.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = OneOf.Validator.class)
@interface OneOf {
    Class<? extends Enum<?>> value();

    String message() default "must be one of {allowed}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<OneOf, String> {
        private java.util.Set<String> allowed;
        private String allowedText;

        @Override
        public void initialize(OneOf annotation) {
            allowed = Arrays.stream(annotation.value().getEnumConstants()).map(Enum::name).collect(Collectors.toSet());
            allowedText = Arrays.stream(annotation.value().getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", "));
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || allowed.contains(value)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be one of " + allowedText).addConstraintViolation();
            return false;
        }
    }
}
