package org.caseway.system;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Caseway refuses a request to the engine as bad input. The engine's REST API answers it with 400 where Camunda
 * would wrap it in a 500 ({@link RequestRefusedMapper}), and the engine logs it at DEBUG, not as an error.
 */
public class RequestRefusedException extends BadUserRequestException {

    public RequestRefusedException(String message) {
        super(message);
    }

    public RequestRefusedException(String message, Exception cause) {
        super(message, cause);
    }
}
