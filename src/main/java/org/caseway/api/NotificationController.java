package org.caseway.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.caseway.notification.Inbox;
import org.caseway.system.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The caller's own in-app notifications. Someone else's is "not found", so ids reveal nothing. */
@Validated
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final Inbox inbox;
    private final CurrentUser currentUser;

    NotificationController(Inbox inbox, CurrentUser currentUser) {
        this.inbox = inbox;
        this.currentUser = currentUser;
    }

    @GetMapping
    Inbox.Page list(@RequestParam(defaultValue = "false") boolean unreadOnly,
                    @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                    @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return inbox.of(currentUser.id(), unreadOnly, page, size);
    }

    @PostMapping("/{id}/read")
    ResponseEntity<Void> read(@PathVariable long id) {
        if (!inbox.markRead(currentUser.id(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such notification");
        }
        return ResponseEntity.noContent().build();
    }
}
