import net from 'node:net';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { DuplicateError, LokerError, ServiceUnavailableError } from '../../src/errors/index.js';
import { MongoBackend } from '../../src/store/index.js';
import { translateMongoError } from '../../src/store/mongo/mongo-errors.js';
import { requireTransactions } from '../../src/store/mongo/mongo-topology.js';

/**
 * What the MongoDB adapter decides without a server: which deployments it accepts, how driver
 * errors reach the edge, and what a start without a reachable server looks like. (Its reads and
 * writes are the contract suites' MongoDB half.)
 */
describe('mongo backend without a server', () => {
  describe('refuses a deployment that cannot run transactions', () => {
    it('refuses a standalone server, unrecoverably, saying how to run a replica set', () => {
      const error = catchSync(() => requireTransactions({ isWritablePrimary: true, maxWireVersion: 21 } as object));
      expect(error).toBeInstanceOf(LokerError);
      expect(error).toMatchObject({ code: 'loker:store-no-transactions', unrecoverable: true });
      const message = (error as Error).message;
      expect(message).toMatch(/standalone/);
      expect(message).toContain('--replSet rs0');
      expect(message).toContain('rs.initiate()');
      expect(message).toContain('docker compose up -d mongo');
    });

    it('tells a replica set member that was never initiated to run rs.initiate()', () => {
      const error = catchSync(() => requireTransactions({ isreplicaset: true }));
      expect(error).toMatchObject({ code: 'loker:store-no-transactions', unrecoverable: true });
      expect((error as Error).message).toMatch(/never initiated.*rs\.initiate\(\)/s);
    });

    it('accepts a replica set member and a mongos router', () => {
      expect(() => requireTransactions({ setName: 'rs0' })).not.toThrow();
      expect(() => requireTransactions({ msg: 'isdbgrid' })).not.toThrow();
    });
  });

  describe('turns driver errors into LokerErrors', () => {
    it('makes an unreachable server ServiceUnavailableError, so the edge answers 503 with Retry-After', () => {
      const error = translateMongoError(new mongoose.mongo.MongoNetworkError('connection 3 to 10.0.0.5:27017 closed'), 'seekers');
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error).toMatchObject({ code: 'loker:store-unavailable', retryAfterSeconds: 5 });
    });

    it('treats a primary stepping down as passing too', () => {
      const steppedDown = new mongoose.mongo.MongoServerError({ message: 'not primary', code: 10107, codeName: 'NotWritablePrimary' });
      expect(translateMongoError(steppedDown, 'seekers')).toBeInstanceOf(ServiceUnavailableError);
    });

    it('keeps a unique clash a DuplicateError naming the key but not the value', () => {
      const clash = new mongoose.mongo.MongoServerError({
        message: 'E11000 duplicate key error collection: lokerbot.seekers index: identityKeys_1 dup key: { identityKeys: "whatsapp/+6281299887766" }',
        code: 11000,
        keyPattern: { identityKeys: 1 },
      });
      const error = translateMongoError(clash, 'seekers');
      expect(error).toBeInstanceOf(DuplicateError);
      expect(error.context).toMatchObject({ entity: 'seekers', key: 'identityKeys' });
      expect(JSON.stringify({ message: error.message, cause: String(error.cause) })).not.toContain('+6281299887766');
    });

    it('leaves any other failure a plain store failure that is not a 503', () => {
      const error = translateMongoError(new mongoose.mongo.MongoServerError({ message: 'bad', code: 2, codeName: 'BadValue' }), 'seekers');
      expect(error).not.toBeInstanceOf(ServiceUnavailableError);
      expect(error.code).toBe('loker:store-failed');
    });
  });

  describe('connect', () => {
    it('fails with ServiceUnavailableError when no server answers', async () => {
      const port = await closedPort();
      const started = Date.now();
      const error = await MongoBackend.connect({ uri: `mongodb://127.0.0.1:${port}/lokerbot`, serverSelectionTimeoutMs: 300 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error).toMatchObject({ code: 'loker:store-unavailable', unrecoverable: false });
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('fails unrecoverably on a connection string that is not one, without quoting it', async () => {
      const error = await MongoBackend.connect({ uri: 'http://admin:s3cret@example.org/lokerbot' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'loker:store-open-failed', unrecoverable: true });
      expect((error as Error).message).not.toContain('s3cret');
    });
  });
});

function catchSync(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

/** A loopback port nobody listens on: bound, read, and released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
