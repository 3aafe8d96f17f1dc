import { LokerError } from '../../errors/index.js';

/** The fields of a `hello` reply that tell what kind of deployment answered. */
export interface HelloReply {
  /** Present on a member of an initiated replica set. */
  readonly setName?: unknown;
  /** `isdbgrid` from a mongos router of a sharded cluster. */
  readonly msg?: unknown;
  /** True on a mongod started with `--replSet` whose set was never initiated. */
  readonly isreplicaset?: unknown;
}

const HOW_TO_FIX =
  'Run MongoDB as a replica set (one member is enough): start mongod with `--replSet rs0`, run `rs.initiate()` once in mongosh, ' +
  'and connect with `?replicaSet=rs0` (or `?directConnection=true`) in MONGODB_URI; or use `docker compose up -d mongo`, which does all of this.';

/**
 * LokerBot writes a vacancy and its outbox event in one transaction, so a server that cannot run
 * transactions (a standalone mongod) would lose or invent alerts. Refuse it at start, unrecoverably,
 * instead of writing non-atomically.
 */
export function requireTransactions(hello: HelloReply): void {
  if (typeof hello.setName === 'string' || hello.msg === 'isdbgrid') return;
  const what =
    hello.isreplicaset === true
      ? 'MongoDB at MONGODB_URI was started as a replica set member, but the replica set was never initiated.'
      : 'MongoDB at MONGODB_URI is a standalone server, which cannot run transactions; LokerBot needs them to store a vacancy and its alert together.';
  throw new LokerError('loker:store-no-transactions', `${what} ${HOW_TO_FIX}`, { unrecoverable: true });
}
