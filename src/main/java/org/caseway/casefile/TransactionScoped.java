package org.caseway.casefile;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Values read once per transaction: a task completion reads the same rows from several listeners and recorders, each a
 * statement of its own without this (README "What is tuned, and what it bought"). Kept per connection holder of the
 * transaction, which the transaction manager creates for each transaction and drops after it: nothing outlives its
 * transaction, also when a read happens in an after-commit callback. Outside a transaction nothing is kept. The
 * repository that owns the table calls {@link #forget()} on every write to it.
 */
public final class TransactionScoped<K, V> {

    private final DataSource dataSource;
    /** By the transaction's connection holder (identity; dropped with the holder). */
    private final Map<ConnectionHolder, Map<K, V>> byTransaction = Collections.synchronizedMap(new WeakHashMap<>());

    public TransactionScoped(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** This transaction's value for the key, read once; present values only are kept (a missing row is read again). */
    public V get(K key, Function<K, V> read) {
        Map<K, V> values = current();
        V value = values == null ? null : values.get(key);
        if (value == null) {
            value = read.apply(key);
            if (values != null && value != null) {
                values.put(key, value);
            }
        }
        return value;
    }

    /** Drops what this transaction read: the next read goes to the database. */
    public void forget() {
        if (TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder) {
            byTransaction.remove(holder);
        }
    }

    private Map<K, V> current() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !(TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder)) {
            return null;
        }
        return byTransaction.computeIfAbsent(holder, h -> new HashMap<>());
    }
}
