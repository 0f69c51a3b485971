package org.caseway.notification;

import java.time.OffsetDateTime;
import java.util.List;
import org.caseway.casefile.CaseClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A person's in-app notifications: only their own, newest first. */
@Repository
public class Inbox {

    public record Item(long id, String kind, String caseNumber, String subject, String body, OffsetDateTime createdAt,
                       OffsetDateTime readAt) {
    }

    public record Page(List<Item> items, long total, int page, int size) {
    }

    private final JdbcClient jdbc;

    Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Page of(String userId, boolean unreadOnly, int page, int size) {
        String filter = "recipient = :user" + (unreadOnly ? " AND read_at IS NULL" : "");
        List<Item> items = jdbc.sql("""
                SELECT id, kind, case_number, subject, body, created_at, read_at FROM in_app_notification
                WHERE %s ORDER BY created_at DESC, id DESC LIMIT :size OFFSET :offset""".formatted(filter))
                .param("user", userId).param("size", size).param("offset", (long) page * size)
                .query((rs, n) -> new Item(rs.getLong("id"), rs.getString("kind"), rs.getString("case_number"),
                        rs.getString("subject"), rs.getString("body"), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("read_at", OffsetDateTime.class)))
                .list();
        long total = jdbc.sql("SELECT COUNT(*) FROM in_app_notification WHERE " + filter).param("user", userId)
                .query(Long.class).single();
        return new Page(items, total, page, size);
    }

    /** Marks the user's own notification read (the first reading time stays); false if they have none with this id. */
    public boolean markRead(String userId, long id) {
        return jdbc.sql("UPDATE in_app_notification SET read_at = COALESCE(read_at, ?) WHERE id = ? AND recipient = ?")
                .params(CaseClock.now(), id, userId).update() == 1;
    }
}
