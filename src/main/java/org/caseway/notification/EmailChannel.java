package org.caseway.notification;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.caseway.system.CasewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * E-mail adapter: plain text to the address of the recipient's Camunda user. Off (in-app only)
 * when no mail host is configured or caseway.notifications.email-enabled is false.
 */
@Component
class EmailChannel implements NotificationChannel {

    static final String NAME = "EMAIL";

    private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

    private final JavaMailSender mailSender;
    private final IdentityService identityService;
    private final String from;
    private final boolean active;

    EmailChannel(ObjectProvider<JavaMailSender> mailSender, IdentityService identityService,
                 CasewayProperties properties, @Value("${spring.mail.host:}") String mailHost) {
        this.mailSender = mailSender.getIfAvailable();
        this.identityService = identityService;
        this.from = properties.notifications().from();
        this.active = properties.notifications().emailEnabled() && !mailHost.isBlank() && this.mailSender != null;
        if (active) {
            log.info("E-mail notifications on, through the mail server {}", mailHost);
        } else {
            log.info("E-mail notifications off (no mail host in CASEWAY_MAIL_HOST, or caseway.notifications.email-enabled"
                    + " is false): notifications are in-app only");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean active() {
        return active;
    }

    @Override
    public void deliver(OutboxMessage message) throws Undeliverable {
        User user = identityService.createUserQuery().userId(message.recipient()).singleResult();
        if (user == null) {
            throw new Undeliverable("no such user");
        }
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            throw new Undeliverable("the user has no e-mail address");
        }
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(from);
        mail.setTo(user.getEmail());
        mail.setSubject(subject(message));
        mail.setText(message.body());
        mailSender.send(mail);
    }

    /** The subject names the case number, so people can tell mails apart without opening them. */
    static String subject(OutboxMessage message) {
        String caseNumber = message.caseNumber();
        return caseNumber == null || message.subject().contains(caseNumber)
                ? message.subject() : "[" + caseNumber + "] " + message.subject();
    }
}
