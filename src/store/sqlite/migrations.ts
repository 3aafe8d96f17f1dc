/**
 * Versioned schema migrations for the SQLite store, applied in order and recorded in
 * `PRAGMA user_version`. Never edit a released migration; append a new one.
 * Each table keeps the whole document as JSON in `doc`; the fields that queries filter on are
 * generated columns with indexes, and array fields get a side table (see store/collections.ts).
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: initial schema */ `
CREATE TABLE seekers (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  f_status GENERATED ALWAYS AS (json_extract(doc, '$.status')) VIRTUAL,
  f_updatedAt GENERATED ALWAYS AS (json_extract(doc, '$.updatedAt')) VIRTUAL
);
CREATE INDEX seekers_f_status ON seekers(f_status);
CREATE INDEX seekers_f_updatedAt ON seekers(f_updatedAt);
CREATE TABLE seekers__identityKeys (
  value TEXT NOT NULL UNIQUE,
  id TEXT NOT NULL REFERENCES seekers(id) ON DELETE CASCADE,
  PRIMARY KEY (value, id)
);
CREATE INDEX seekers__identityKeys_id ON seekers__identityKeys(id);
CREATE TABLE vacancies (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  f_status GENERATED ALWAYS AS (json_extract(doc, '$.status')) VIRTUAL,
  f_company_id GENERATED ALWAYS AS (json_extract(doc, '$.company.id')) VIRTUAL,
  f_kecamatan GENERATED ALWAYS AS (json_extract(doc, '$.kecamatan')) VIRTUAL,
  f_updatedAt GENERATED ALWAYS AS (json_extract(doc, '$.updatedAt')) VIRTUAL
);
CREATE INDEX vacancies_f_status ON vacancies(f_status);
CREATE INDEX vacancies_f_company_id ON vacancies(f_company_id);
CREATE INDEX vacancies_f_kecamatan ON vacancies(f_kecamatan);
CREATE INDEX vacancies_f_updatedAt ON vacancies(f_updatedAt);
CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  f_subscriberKey GENERATED ALWAYS AS (json_extract(doc, '$.subscriberKey')) VIRTUAL,
  f_subscriber_channel GENERATED ALWAYS AS (json_extract(doc, '$.subscriber.channel')) VIRTUAL,
  f_active GENERATED ALWAYS AS (json_extract(doc, '$.active')) VIRTUAL,
  f_seekerId GENERATED ALWAYS AS (json_extract(doc, '$.seekerId')) VIRTUAL
);
CREATE INDEX subscriptions_f_subscriberKey ON subscriptions(f_subscriberKey);
CREATE INDEX subscriptions_f_subscriber_channel ON subscriptions(f_subscriber_channel);
CREATE INDEX subscriptions_f_active ON subscriptions(f_active);
CREATE INDEX subscriptions_f_seekerId ON subscriptions(f_seekerId);
CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  f_seekerId GENERATED ALWAYS AS (json_extract(doc, '$.seekerId')) VIRTUAL,
  f_vacancyId GENERATED ALWAYS AS (json_extract(doc, '$.vacancyId')) VIRTUAL,
  f_companyId GENERATED ALWAYS AS (json_extract(doc, '$.companyId')) VIRTUAL,
  f_status GENERATED ALWAYS AS (json_extract(doc, '$.status')) VIRTUAL
);
CREATE INDEX applications_f_seekerId ON applications(f_seekerId);
CREATE INDEX applications_f_vacancyId ON applications(f_vacancyId);
CREATE INDEX applications_f_companyId ON applications(f_companyId);
CREATE INDEX applications_f_status ON applications(f_status);
CREATE UNIQUE INDEX applications_unique_f_seekerId_f_vacancyId ON applications(f_seekerId, f_vacancyId);
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  f_sourceId GENERATED ALWAYS AS (json_extract(doc, '$.sourceId')) VIRTUAL,
  f_recipient GENERATED ALWAYS AS (json_extract(doc, '$.recipient')) VIRTUAL,
  f_status GENERATED ALWAYS AS (json_extract(doc, '$.status')) VIRTUAL,
  f_channel GENERATED ALWAYS AS (json_extract(doc, '$.channel')) VIRTUAL
);
CREATE INDEX deliveries_f_sourceId ON deliveries(f_sourceId);
CREATE INDEX deliveries_f_recipient ON deliveries(f_recipient);
CREATE INDEX deliveries_f_status ON deliveries(f_status);
CREATE INDEX deliveries_f_channel ON deliveries(f_channel);
CREATE UNIQUE INDEX deliveries_unique_f_sourceId_f_recipient ON deliveries(f_sourceId, f_recipient);
CREATE TABLE broadcasts (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  f_status GENERATED ALWAYS AS (json_extract(doc, '$.status')) VIRTUAL,
  f_createdAt GENERATED ALWAYS AS (json_extract(doc, '$.createdAt')) VIRTUAL
);
CREATE INDEX broadcasts_f_status ON broadcasts(f_status);
CREATE INDEX broadcasts_f_createdAt ON broadcasts(f_createdAt);
CREATE TABLE admin_tokens (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  f_tokenHash GENERATED ALWAYS AS (json_extract(doc, '$.tokenHash')) VIRTUAL,
  f_role GENERATED ALWAYS AS (json_extract(doc, '$.role')) VIRTUAL,
  f_companyId GENERATED ALWAYS AS (json_extract(doc, '$.companyId')) VIRTUAL
);
CREATE UNIQUE INDEX admin_tokens_f_tokenHash ON admin_tokens(f_tokenHash);
CREATE INDEX admin_tokens_f_role ON admin_tokens(f_role);
CREATE INDEX admin_tokens_f_companyId ON admin_tokens(f_companyId);
CREATE TABLE audit (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  f_at GENERATED ALWAYS AS (json_extract(doc, '$.at')) VIRTUAL,
  f_actor GENERATED ALWAYS AS (json_extract(doc, '$.actor')) VIRTUAL,
  f_target_type GENERATED ALWAYS AS (json_extract(doc, '$.target.type')) VIRTUAL,
  f_target_id GENERATED ALWAYS AS (json_extract(doc, '$.target.id')) VIRTUAL
);
CREATE INDEX audit_f_at ON audit(f_at);
CREATE INDEX audit_f_actor ON audit(f_actor);
CREATE INDEX audit_f_target_type ON audit(f_target_type);
CREATE INDEX audit_f_target_id ON audit(f_target_id);
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  f_type GENERATED ALWAYS AS (json_extract(doc, '$.type')) VIRTUAL,
  f_subjectId GENERATED ALWAYS AS (json_extract(doc, '$.subjectId')) VIRTUAL,
  f_createdAt GENERATED ALWAYS AS (json_extract(doc, '$.createdAt')) VIRTUAL,
  f_processedAt GENERATED ALWAYS AS (json_extract(doc, '$.processedAt')) VIRTUAL
);
CREATE INDEX outbox_f_type ON outbox(f_type);
CREATE INDEX outbox_f_subjectId ON outbox(f_subjectId);
CREATE INDEX outbox_f_createdAt ON outbox(f_createdAt);
CREATE INDEX outbox_f_processedAt ON outbox(f_processedAt);
`,
  /* 2: a revision per document, for compare-and-swap writes; existing rows start at 0 */ `
ALTER TABLE seekers ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE vacancies ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE subscriptions ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE applications ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE broadcasts ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE admin_tokens ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
`,
  /* 3: secrets shared by every process on this file */ `
CREATE TABLE secrets (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  rev INTEGER NOT NULL DEFAULT 0
);
`,
  /* 4: (field, id) indexes for the collections' `scanned` fields (store/collections.ts) */ `
CREATE INDEX seekers_f_status_id ON seekers(f_status, id);
CREATE INDEX vacancies_f_status_id ON vacancies(f_status, id);
CREATE INDEX subscriptions_f_active_id ON subscriptions(f_active, id);
`,
  /* 5: employers, verified by staff */ `
CREATE TABLE companies (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  rev INTEGER NOT NULL DEFAULT 0,
  f_name GENERATED ALWAYS AS (json_extract(doc, '$.name')) VIRTUAL
);
CREATE INDEX companies_f_name ON companies(f_name);
`,
  /* 6: vacancies waiting for review (the fee and scam detector flagged them) */ `
ALTER TABLE vacancies ADD COLUMN f_review_state GENERATED ALWAYS AS (json_extract(doc, '$.review.state')) VIRTUAL;
CREATE INDEX vacancies_f_review_state ON vacancies(f_review_state);
`,
  /* 7: training programmes staff manage, and the seekers interested in each */ `
CREATE TABLE training_programmes (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  rev INTEGER NOT NULL DEFAULT 0,
  f_status GENERATED ALWAYS AS (json_extract(doc, '$.status')) VIRTUAL,
  f_kind GENERATED ALWAYS AS (json_extract(doc, '$.kind')) VIRTUAL
);
CREATE INDEX training_programmes_f_status ON training_programmes(f_status);
CREATE INDEX training_programmes_f_kind ON training_programmes(f_kind);
CREATE TABLE training_interests (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  rev INTEGER NOT NULL DEFAULT 0,
  f_seekerId GENERATED ALWAYS AS (json_extract(doc, '$.seekerId')) VIRTUAL,
  f_programmeId GENERATED ALWAYS AS (json_extract(doc, '$.programmeId')) VIRTUAL,
  f_createdAt GENERATED ALWAYS AS (json_extract(doc, '$.createdAt')) VIRTUAL
);
CREATE INDEX training_interests_f_seekerId ON training_interests(f_seekerId);
CREATE INDEX training_interests_f_programmeId ON training_interests(f_programmeId);
CREATE INDEX training_interests_f_createdAt ON training_interests(f_createdAt);
CREATE UNIQUE INDEX training_interests_unique_f_seekerId_f_programmeId ON training_interests(f_seekerId, f_programmeId);
`,
  /* 8: reports of a fee asked or a fake vacancy ("laporkan pungutan/penipuan") */ `
CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  rev INTEGER NOT NULL DEFAULT 0,
  f_status GENERATED ALWAYS AS (json_extract(doc, '$.status')) VIRTUAL,
  f_vacancyId GENERATED ALWAYS AS (json_extract(doc, '$.vacancyId')) VIRTUAL,
  f_reporterKey GENERATED ALWAYS AS (json_extract(doc, '$.reporterKey')) VIRTUAL
);
CREATE INDEX reports_f_status ON reports(f_status);
CREATE INDEX reports_f_vacancyId ON reports(f_vacancyId);
CREATE INDEX reports_f_reporterKey ON reports(f_reporterKey);
`,
];
