import type Database from 'better-sqlite3';
import { openSqlite } from '../../core/sqlite.ts';

export type Db = Database.Database;

/**
 * Schema migrations, applied in order; PRAGMA user_version records how many ran.
 * Append new steps; never edit a released one.
 */
export const WORKFLOW_MIGRATIONS: string[] = [
  `CREATE TABLE users (
     id INTEGER PRIMARY KEY,
     username TEXT NOT NULL UNIQUE,
     display_name TEXT,
     role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'spokesperson', 'viewer')),
     password_hash TEXT NOT NULL,
     password_changed_at TEXT NOT NULL,
     must_change_password INTEGER NOT NULL DEFAULT 0,
     disabled INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   -- Failed logins per attempted name (known or not, so a lockout does not reveal which names exist).
   CREATE TABLE login_attempts (
     username TEXT PRIMARY KEY,
     failures INTEGER NOT NULL,
     locked_until TEXT,
     last_failure_at TEXT NOT NULL
   );
   -- Only a SHA-256 of the session id is kept: a copy of this file does not let anyone in.
   CREATE TABLE sessions (
     id_hash TEXT PRIMARY KEY,
     user_id INTEGER NOT NULL REFERENCES users (id),
     csrf_token TEXT NOT NULL,
     created_at TEXT NOT NULL,
     last_seen_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     ip TEXT,
     user_agent TEXT
   );
   CREATE INDEX sessions_user ON sessions (user_id);
   CREATE TABLE api_tokens (
     id TEXT PRIMARY KEY,
     user_id INTEGER NOT NULL REFERENCES users (id),
     name TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'spokesperson', 'viewer')),
     token_hash TEXT NOT NULL UNIQUE,
     prefix TEXT NOT NULL,
     created_at TEXT NOT NULL,
     created_by TEXT NOT NULL,
     expires_at TEXT,
     last_used_at TEXT,
     revoked_at TEXT
   );
   -- The authoritative review state of an item (the store holds a mirror for filtering).
   CREATE TABLE reviews (
     item_id TEXT PRIMARY KEY,
     status TEXT NOT NULL,
     version INTEGER NOT NULL,
     assignee TEXT,
     priority TEXT,
     tags TEXT NOT NULL DEFAULT '[]',
     reason TEXT,
     label_congress INTEGER,
     cluster_id TEXT,
     updated_at TEXT NOT NULL,
     updated_by TEXT NOT NULL
   );
   CREATE INDEX reviews_status ON reviews (status);
   CREATE TABLE review_notes (
     id INTEGER PRIMARY KEY,
     item_id TEXT NOT NULL,
     author TEXT NOT NULL,
     text TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX review_notes_item ON review_notes (item_id, id);
   CREATE TABLE responses (
     id TEXT PRIMARY KEY,
     status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
     version INTEGER NOT NULL,
     title TEXT NOT NULL,
     body TEXT NOT NULL,
     item_id TEXT,
     cluster_id TEXT,
     fact_ids TEXT NOT NULL,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_by TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     published_by TEXT,
     published_at TEXT,
     published_url TEXT
   );
   CREATE TABLE response_items (
     response_id TEXT NOT NULL REFERENCES responses (id),
     item_id TEXT NOT NULL,
     PRIMARY KEY (response_id, item_id)
   );
   CREATE INDEX response_items_item ON response_items (item_id);
   -- Append-only: the triggers refuse edits and deletions; each row chains the previous row's hash.
   CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     actor_role TEXT,
     via TEXT,
     ip TEXT,
     action TEXT NOT NULL,
     target_type TEXT,
     target_id TEXT,
     before TEXT,
     after TEXT,
     detail TEXT,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL
   );
   CREATE INDEX audit_target ON audit_log (target_type, target_id, id);
   CREATE INDEX audit_actor ON audit_log (actor, id);
   CREATE INDEX audit_action ON audit_log (action, id);
   CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
   CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`,
  // Drafts can be withdrawn (kept, with who, when and why): the status CHECK changes, which
  // SQLite can only do by rebuilding the table (openSqlite checks response_items' links after).
  `CREATE TABLE responses_v2 (
     id TEXT PRIMARY KEY,
     status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn')),
     version INTEGER NOT NULL,
     title TEXT NOT NULL,
     body TEXT NOT NULL,
     item_id TEXT,
     cluster_id TEXT,
     fact_ids TEXT NOT NULL,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_by TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     published_by TEXT,
     published_at TEXT,
     published_url TEXT,
     withdrawn_by TEXT,
     withdrawn_at TEXT,
     withdraw_reason TEXT
   );
   INSERT INTO responses_v2 (id, status, version, title, body, item_id, cluster_id, fact_ids, created_by, created_at,
                             updated_by, updated_at, published_by, published_at, published_url)
     SELECT id, status, version, title, body, item_id, cluster_id, fact_ids, created_by, created_at,
            updated_by, updated_at, published_by, published_at, published_url FROM responses;
   DROP TABLE responses;
   ALTER TABLE responses_v2 RENAME TO responses;`,
  // Replaced password hashes, so a forced change cannot be undone by changing straight back.
  `CREATE TABLE password_history (
     user_id INTEGER NOT NULL REFERENCES users (id),
     password_hash TEXT NOT NULL,
     replaced_at TEXT NOT NULL
   );
   CREATE INDEX password_history_user ON password_history (user_id, replaced_at);`,
];

/** Opens (creating if needed) the workflow database and brings its schema up to date. */
export function openWorkflowDb(path: string, busyTimeoutMs = 5000): Db {
  return openSqlite(path, { busyTimeoutMs, foreignKeys: true, migrations: WORKFLOW_MIGRATIONS });
}
