import type { CollectionSpec } from './backend.js';

/** Every collection the service stores, with the fields its queries filter on. */
export const COLLECTIONS = {
  seekers: {
    name: 'seekers',
    fields: ['status', 'updatedAt'],
    arrayFields: ['identityKeys'],
    unique: [['identityKeys']],
    scanned: ['status'],
  },
  vacancies: {
    name: 'vacancies',
    fields: ['status', 'company.id', 'kecamatan', 'updatedAt', 'review.state'],
    scanned: ['status'],
  },
  companies: {
    name: 'companies',
    fields: ['name'],
  },
  subscriptions: {
    name: 'subscriptions',
    fields: ['subscriberKey', 'subscriber.channel', 'active', 'seekerId'],
    scanned: ['active'],
  },
  applications: {
    name: 'applications',
    fields: ['seekerId', 'vacancyId', 'companyId', 'status'],
    unique: [['seekerId', 'vacancyId']],
  },
  /** Reports of a fee asked or a fake vacancy, worked by staff. */
  reports: {
    name: 'reports',
    fields: ['status', 'vacancyId', 'reporterKey'],
  },
  deliveries: {
    name: 'deliveries',
    fields: ['sourceId', 'recipient', 'status', 'channel'],
    unique: [['sourceId', 'recipient']],
  },
  broadcasts: {
    name: 'broadcasts',
    fields: ['status', 'createdAt'],
  },
  adminTokens: {
    name: 'admin_tokens',
    fields: ['tokenHash', 'role', 'companyId'],
    unique: [['tokenHash']],
  },
  audit: {
    name: 'audit',
    fields: ['at', 'actor', 'target.type', 'target.id'],
  },
  outbox: {
    name: 'outbox',
    fields: ['type', 'subjectId', 'createdAt', 'processedAt'],
  },
  trainingProgrammes: {
    name: 'training_programmes',
    fields: ['status', 'kind'],
  },
  /** One row per seeker and programme they registered interest in; erased with the seeker. */
  trainingInterests: {
    name: 'training_interests',
    fields: ['seekerId', 'programmeId', 'createdAt'],
    unique: [['seekerId', 'programmeId']],
  },
  /** Random keys shared by every process on the store, looked up by name (the id) only. */
  secrets: {
    name: 'secrets',
    fields: [],
  },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;
