// Versioned schema. PRAGMA user_version holds the number of migrations applied. The pending
// ones run once, in order, together in one IMMEDIATE transaction: a server upgrades the schema
// all the way or not at all, and a second process starting at the same time waits for it and
// then finds nothing left to do. Never edit a shipped migration: append a new one.
#include "storage/sqlite_engine.h"

namespace signet {

static const char* const kMigrations[] = {
    // 1: resellers, users, sessions, subscriptions, first-run setup tokens.
    R"SQL(
CREATE TABLE resellers(
  id INTEGER PRIMARY KEY,
  company_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE subscriptions(
  id INTEGER PRIMARY KEY,
  reseller_id INTEGER NOT NULL REFERENCES resellers(id),
  customer_name TEXT NOT NULL,
  search_key TEXT NOT NULL,            -- customer_name folded: lower case, no accents
  product TEXT NOT NULL CHECK (product IN ('m365','google_workspace')),
  user_count INTEGER NOT NULL CHECK (user_count BETWEEN 1 AND 100000),
  status TEXT NOT NULL CHECK (status IN ('active','inactive')),
  next_payment_date TEXT,              -- YYYY-MM-DD, NULL while inactive
  customer_can_edit INTEGER NOT NULL CHECK (customer_can_edit IN (0,1)),
  contact_name TEXT,
  contact_email TEXT,
  invitation_status TEXT NOT NULL DEFAULT 'none'
    CHECK (invitation_status IN ('none','pending','accepted','expired')),
  created_at TEXT NOT NULL
);
CREATE INDEX subscriptions_by_name ON subscriptions(reseller_id, search_key, id);
CREATE INDEX subscriptions_by_users ON subscriptions(reseller_id, user_count, id);
CREATE INDEX subscriptions_by_payment ON subscriptions(reseller_id, next_payment_date, id);
CREATE INDEX subscriptions_by_created ON subscriptions(reseller_id, created_at, id);
CREATE TABLE users(
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,          -- normalized (lower case): the user name
  name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,         -- argon2id, libsodium string format
  role TEXT NOT NULL CHECK (role IN ('reseller','customer')),
  reseller_id INTEGER NOT NULL REFERENCES resellers(id),
  subscription_id INTEGER REFERENCES subscriptions(id),
  created_at TEXT NOT NULL,
  CHECK ((role = 'customer') = (subscription_id IS NOT NULL))
);
CREATE TABLE sessions(
  token_hash TEXT PRIMARY KEY,         -- BLAKE2b of the cookie value; the token itself is never stored
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,         -- Unix seconds
  last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE TABLE setup_tokens(
  token_hash TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
)SQL",
    // 2: invitations and the durable mail queue.
    R"SQL(
CREATE TABLE mail_queue(
  id INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  sender TEXT NOT NULL,
  recipient TEXT NOT NULL,
  body TEXT NOT NULL,                  -- RFC 5322; erased once delivered or given up
  note TEXT,                           -- logged with outbox delivery; erased likewise
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  sent_at INTEGER,
  failed_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX mail_queue_due ON mail_queue(next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE TABLE invitations(
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
  token_hash TEXT NOT NULL UNIQUE,     -- BLAKE2b of the token in the link
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  revoked_at INTEGER                   -- a resend kills the previous link
);
CREATE INDEX invitations_by_subscription ON invitations(subscription_id);
ALTER TABLE subscriptions ADD COLUMN invitation_expires_at INTEGER;
ALTER TABLE subscriptions ADD COLUMN invitation_mail_id INTEGER REFERENCES mail_queue(id);
CREATE INDEX users_by_subscription ON users(subscription_id) WHERE subscription_id IS NOT NULL;
)SQL",
    // 3: the signature editor: directory users, templates, assignment rules.
    R"SQL(
CREATE TABLE directory_users(
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
  email TEXT NOT NULL,
  display_name TEXT NOT NULL DEFAULT '',
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  job_title TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  mobile TEXT NOT NULL DEFAULT '',
  website TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  search_key TEXT NOT NULL DEFAULT '', -- folded e-mail, names, title, department
  UNIQUE(subscription_id, email)
);
CREATE TABLE templates(
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL,                  -- JSON: {style, blocks}
  updated_at TEXT NOT NULL
);
CREATE INDEX templates_by_subscription ON templates(subscription_id);
CREATE UNIQUE INDEX templates_one_default ON templates(subscription_id) WHERE is_default = 1;
CREATE TABLE template_rules(
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
  position INTEGER NOT NULL,
  template_id INTEGER NOT NULL REFERENCES templates(id) ON DELETE CASCADE,
  department TEXT,                     -- matches users of this department (any case), or
  user_id INTEGER REFERENCES directory_users(id) ON DELETE CASCADE,  -- this one user
  CHECK ((department IS NULL) != (user_id IS NULL))
);
CREATE INDEX template_rules_by_subscription ON template_rules(subscription_id, position);
)SQL",
    // 4: billing: cycles, pending seat decreases, one-off charges, invoices.
    R"SQL(
ALTER TABLE subscriptions ADD COLUMN billing_cycle TEXT NOT NULL DEFAULT 'monthly'
  CHECK (billing_cycle IN ('monthly','annual'));
ALTER TABLE subscriptions ADD COLUMN anchor_day INTEGER NOT NULL DEFAULT 1;
ALTER TABLE subscriptions ADD COLUMN period_start TEXT;      -- start of the period billed next
ALTER TABLE subscriptions ADD COLUMN pending_user_count INTEGER;  -- from the next renewal on
UPDATE subscriptions SET anchor_day = CAST(substr(created_at, 9, 2) AS INTEGER),
                         period_start = substr(created_at, 1, 10);
CREATE TABLE invoices(
  id INTEGER PRIMARY KEY,
  reseller_id INTEGER NOT NULL REFERENCES resellers(id),
  number INTEGER NOT NULL,             -- 1, 2, 3... per reseller, no gaps
  issued_on TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  currency TEXT NOT NULL,
  subtotal_cents INTEGER NOT NULL,
  vat_basis_points INTEGER NOT NULL,
  vat_cents INTEGER NOT NULL,
  total_cents INTEGER NOT NULL,
  UNIQUE(reseller_id, number),
  UNIQUE(reseller_id, issued_on)       -- one invoice per reseller per run date
);
CREATE TABLE invoice_lines(
  id INTEGER PRIMARY KEY,
  invoice_id INTEGER NOT NULL REFERENCES invoices(id),
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
  customer_name TEXT NOT NULL,
  product TEXT NOT NULL,
  user_count INTEGER NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  description TEXT NOT NULL,
  amount_cents INTEGER NOT NULL
);
CREATE INDEX invoice_lines_by_invoice ON invoice_lines(invoice_id);
CREATE TABLE charges(                  -- one-off amounts (prorated seat increases) for the next invoice
  id INTEGER PRIMARY KEY,
  reseller_id INTEGER NOT NULL REFERENCES resellers(id),
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
  created_on TEXT NOT NULL,
  user_count INTEGER NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  description TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  invoice_id INTEGER REFERENCES invoices(id)
);
CREATE INDEX charges_open ON charges(reseller_id) WHERE invoice_id IS NULL;
CREATE INDEX subscriptions_due ON subscriptions(next_payment_date) WHERE status = 'active';
)SQL",
    // 5: the audit log. No secrets: bodies are stored without password fields.
    R"SQL(
CREATE TABLE audit_log(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,                    -- UTC, ISO 8601
  reseller_id INTEGER REFERENCES resellers(id),
  user_id INTEGER,
  actor_email TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,                -- e.g. session.create, subscription.update
  target TEXT NOT NULL DEFAULT '',     -- the path acted on
  outcome INTEGER NOT NULL,            -- HTTP status, or 0 for server jobs
  detail TEXT NOT NULL DEFAULT '',
  client_address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_reseller ON audit_log(reseller_id, id);
CREATE INDEX audit_by_email ON audit_log(actor_email, id);
)SQL",
    // 6: password reset links.
    R"SQL(
CREATE TABLE password_resets(
  token_hash TEXT PRIMARY KEY,         -- BLAKE2b of the token in the link
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) WITHOUT ROWID;
CREATE INDEX password_resets_by_user ON password_resets(user_id);
)SQL",
    // 7: reseller teams (roles) and each user's language.
    R"SQL(
ALTER TABLE users ADD COLUMN reseller_role TEXT CHECK (reseller_role IN ('owner','billing','support'));
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en','nl'));
UPDATE users SET reseller_role = 'owner' WHERE role = 'reseller';
CREATE TABLE team_invitations(
  id INTEGER PRIMARY KEY,
  reseller_id INTEGER NOT NULL REFERENCES resellers(id),
  token_hash TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  reseller_role TEXT NOT NULL CHECK (reseller_role IN ('owner','billing','support')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX team_invitations_by_reseller ON team_invitations(reseller_id);
)SQL",
    // 8: the language a customer's e-mails are written in.
    R"SQL(
ALTER TABLE subscriptions ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en','nl'));
)SQL",
    // 9: customer users invite colleagues of the same customer. Their links live beside the
    // contact's, but a resend of the contact's invitation must not kill them.
    R"SQL(
ALTER TABLE invitations ADD COLUMN kind TEXT NOT NULL DEFAULT 'customer' CHECK (kind IN ('customer','colleague'));
ALTER TABLE invitations ADD COLUMN invited_by TEXT;  -- name of the colleague who invited
)SQL",
    // 10: the subscription list at scale (docs/performance.md).
    // Sorting by payment date puts inactive rows (no date) last in both directions; these
    // expression indexes hold exactly that order, so a page is read off an index instead of
    // sorting all of a reseller's rows (subscriptions_by_payment stays: billing uses it).
    // subscription_counts keeps each reseller's total per status up to date through triggers,
    // so the list's "total" is one lookup rather than a count over every row.
    R"SQL(
CREATE INDEX subscriptions_by_payment_nulls_last
  ON subscriptions(reseller_id, next_payment_date IS NULL, next_payment_date, id);
CREATE INDEX subscriptions_by_payment_desc_nulls_last
  ON subscriptions(reseller_id, next_payment_date IS NOT NULL, next_payment_date, id);
CREATE TABLE subscription_counts(
  reseller_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY(reseller_id, status)
) WITHOUT ROWID;
INSERT INTO subscription_counts(reseller_id, status, n)
  SELECT reseller_id, status, COUNT(*) FROM subscriptions GROUP BY reseller_id, status;
CREATE TRIGGER subscription_counts_insert AFTER INSERT ON subscriptions BEGIN
  INSERT INTO subscription_counts(reseller_id, status, n) VALUES(NEW.reseller_id, NEW.status, 1)
    ON CONFLICT(reseller_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER subscription_counts_update AFTER UPDATE OF reseller_id, status ON subscriptions
  WHEN OLD.reseller_id IS NOT NEW.reseller_id OR OLD.status IS NOT NEW.status BEGIN
  UPDATE subscription_counts SET n = n - 1 WHERE reseller_id = OLD.reseller_id AND status = OLD.status;
  INSERT INTO subscription_counts(reseller_id, status, n) VALUES(NEW.reseller_id, NEW.status, 1)
    ON CONFLICT(reseller_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER subscription_counts_delete AFTER DELETE ON subscriptions BEGIN
  UPDATE subscription_counts SET n = n - 1 WHERE reseller_id = OLD.reseller_id AND status = OLD.status;
END;
)SQL",
    // 11: search reads a reseller's names into memory (storage/customer_names.h) and then
    // only the rows with a higher id than it holds; this index finds those without a scan.
    // Status is in it so a search filtered by status is counted from the index alone.
    R"SQL(
CREATE INDEX subscriptions_by_reseller ON subscriptions(reseller_id, id, status);
)SQL",
    // 12: the users a running period is billed for: the count it started with. Users added
    // during the period are billed by their prorated charge, so the renewal must not bill
    // them again. For periods already running, that is today's count less the users added by
    // charges for the same period.
    R"SQL(
ALTER TABLE subscriptions ADD COLUMN period_user_count INTEGER NOT NULL DEFAULT 0;
UPDATE subscriptions SET period_user_count = MAX(1, user_count - COALESCE(
  (SELECT SUM(c.user_count) FROM charges c
   WHERE c.subscription_id = subscriptions.id AND c.period_end = subscriptions.next_payment_date), 0));
)SQL",
    // 13: retention (services/retention.h) finds expired links and finished mail by index.
    // Deleting a mail row makes SQLite look for subscriptions that refer to it (the foreign
    // key), which needs an index on that column too.
    R"SQL(
CREATE INDEX invitations_by_expiry ON invitations(expires_at);
CREATE INDEX team_invitations_by_expiry ON team_invitations(expires_at);
CREATE INDEX mail_queue_sent ON mail_queue(sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX mail_queue_failed ON mail_queue(failed_at) WHERE failed_at IS NOT NULL;
CREATE INDEX subscriptions_by_invitation_mail ON subscriptions(invitation_mail_id);
)SQL",
    // 14: who sent an invitation, so that removing them revokes the links they sent (NULL for
    // the customer contact's link and for links sent before this).
    R"SQL(
ALTER TABLE invitations ADD COLUMN inviter_id INTEGER;
ALTER TABLE team_invitations ADD COLUMN inviter_id INTEGER;
CREATE INDEX invitations_by_inviter ON invitations(inviter_id) WHERE inviter_id IS NOT NULL;
CREATE INDEX team_invitations_by_inviter ON team_invitations(inviter_id) WHERE inviter_id IS NOT NULL;
)SQL",
    // 15: a version per reseller of everything the subscription list shows, so a conditional
    // GET can answer 304 without reading rows (services/list_validator.h). Triggers keep it
    // exact for every writer, the admin commands and another process included: any change to a
    // reseller's subscriptions, or to the state of an invitation mail one of them points at.
    R"SQL(
CREATE TABLE list_versions(
  reseller_id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL
);
CREATE TRIGGER list_versions_insert AFTER INSERT ON subscriptions BEGIN
  INSERT INTO list_versions(reseller_id, version) VALUES(NEW.reseller_id, 1)
    ON CONFLICT(reseller_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER list_versions_update AFTER UPDATE ON subscriptions BEGIN
  INSERT INTO list_versions(reseller_id, version) VALUES(NEW.reseller_id, 1)
    ON CONFLICT(reseller_id) DO UPDATE SET version = version + 1;
  UPDATE list_versions SET version = version + 1
    WHERE reseller_id = OLD.reseller_id AND OLD.reseller_id IS NOT NEW.reseller_id;
END;
CREATE TRIGGER list_versions_delete AFTER DELETE ON subscriptions BEGIN
  UPDATE list_versions SET version = version + 1 WHERE reseller_id = OLD.reseller_id;
END;
CREATE TRIGGER list_versions_mail_update AFTER UPDATE ON mail_queue BEGIN
  UPDATE list_versions SET version = version + 1
    WHERE reseller_id IN (SELECT reseller_id FROM subscriptions WHERE invitation_mail_id = NEW.id);
END;
CREATE TRIGGER list_versions_mail_delete AFTER DELETE ON mail_queue BEGIN
  UPDATE list_versions SET version = version + 1
    WHERE reseller_id IN (SELECT reseller_id FROM subscriptions WHERE invitation_mail_id = OLD.id);
END;
)SQL",
    // 16: live deployment to Google Workspace (services/deploy_service.h). A subscription's
    // service account key, sealed (deploy/secret_box.h); each deployment run and, per directory
    // user, what it deploys and how far it got, so a run survives a restart and resumes.
    R"SQL(
CREATE TABLE google_connections(
  subscription_id INTEGER PRIMARY KEY REFERENCES subscriptions(id),
  client_email TEXT NOT NULL,
  sealed_key BLOB NOT NULL,
  connected_at INTEGER NOT NULL,
  connected_by INTEGER REFERENCES users(id)
);
CREATE TABLE deploy_runs(
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE INDEX deploy_runs_by_subscription ON deploy_runs(subscription_id, id);
CREATE TABLE deploy_targets(
  run_id INTEGER NOT NULL REFERENCES deploy_runs(id),
  directory_user_id INTEGER NOT NULL,
  email TEXT NOT NULL,
  html TEXT NOT NULL,
  template_id INTEGER NOT NULL,
  template_version INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK(state IN ('pending', 'deployed', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  done_at INTEGER,
  PRIMARY KEY(run_id, directory_user_id)
);
CREATE INDEX deploy_targets_due ON deploy_targets(next_attempt_at) WHERE state = 'pending';
)SQL",
    // 17: runs to start by themselves: after a change to a connected subscription's users,
    // templates or rules, once the changes have settled (services/deploy_service.h).
    R"SQL(
CREATE TABLE deploy_schedule(
  subscription_id INTEGER PRIMARY KEY REFERENCES subscriptions(id),
  due_at INTEGER NOT NULL
);
)SQL",
    // 18: Microsoft 365 mail flow (services/mailflow_service.h): each subscription's routing
    // token, which the Exchange transport rule sets on the mail it sends through Signet, and
    // per directory user the template version of the latest message the milter signed.
    R"SQL(
CREATE TABLE mailflow_routes(
  subscription_id INTEGER PRIMARY KEY REFERENCES subscriptions(id),
  token TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE TABLE mailflow_signed(
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
  directory_user_id INTEGER NOT NULL REFERENCES directory_users(id) ON DELETE CASCADE,
  template_version INTEGER NOT NULL,
  signed_at INTEGER NOT NULL,
  messages INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY(subscription_id, directory_user_id)
);
)SQL",
    // 19: brute-force brakes and quotas (services/rate_limiter.h) in the database rather than
    // in each process, so that several servers of one database count every attempt together
    // and a lockout holds on all of them (and across a restart).
    R"SQL(
CREATE TABLE rate_limits(
  scope TEXT NOT NULL,
  subject TEXT NOT NULL,
  failures INTEGER NOT NULL,
  window_start INTEGER NOT NULL,
  locked_until INTEGER NOT NULL,
  PRIMARY KEY(scope, subject)
) WITHOUT ROWID;
)SQL",
};

int migrate(SQLite::Database& db) {
  const int target = static_cast<int>(sizeof kMigrations / sizeof *kMigrations);
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  int version = db.execAndGet("PRAGMA user_version").getInt();
  if (version > target)
    throw std::runtime_error("database schema version " + std::to_string(version) +
                             " is newer than this server (" + std::to_string(target) + ")");
  for (; version < target; ++version) {
    db.exec(kMigrations[version]);
    db.exec("PRAGMA user_version=" + std::to_string(version + 1));
  }
  tx.commit();
  return version;
}

}  // namespace signet
