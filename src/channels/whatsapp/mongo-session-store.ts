import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import mongoose from 'mongoose';

/**
 * RemoteAuth's store (the four methods whatsapp-web.js calls) over MongoDB GridFS, in place of the
 * `wwebjs-mongo` package. RemoteAuth zips the browser profile to `<dataPath>/<session>.zip` before
 * `save` and expects `extract` to write the zip to the path it gives; the newest upload wins and
 * older ones are removed after a successful upload, so a crash mid-upload never loses the session.
 */
export class MongoSessionStore {
  private constructor(
    private readonly connection: mongoose.Connection,
    private readonly bucket: mongoose.mongo.GridFSBucket,
    private readonly dataPath: string,
  ) {}

  /** Connects to `uri`; the zips RemoteAuth writes are read from `dataPath`. */
  static async connect(uri: string, dataPath: string, bucketName = 'whatsapp_sessions'): Promise<MongoSessionStore> {
    const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
    if (!connection.db) throw new Error('MongoSessionStore: connected without a database; put one in MONGODB_URI');
    return new MongoSessionStore(connection, new mongoose.mongo.GridFSBucket(connection.db, { bucketName }), dataPath);
  }

  async sessionExists(options: { session: string }): Promise<boolean> {
    return (await this.files(options.session)).length > 0;
  }

  async save(options: { session: string }): Promise<void> {
    const filename = zipName(options.session);
    const older = await this.files(options.session);
    await pipeline(fs.createReadStream(path.join(this.dataPath, filename)), this.bucket.openUploadStream(filename));
    for (const file of older) await this.bucket.delete(file._id);
  }

  async extract(options: { session: string; path: string }): Promise<void> {
    const [newest] = await this.files(options.session);
    if (!newest) throw new Error(`MongoSessionStore: no saved session "${options.session}"`);
    await pipeline(this.bucket.openDownloadStream(newest._id), fs.createWriteStream(options.path));
  }

  async delete(options: { session: string }): Promise<void> {
    for (const file of await this.files(options.session)) await this.bucket.delete(file._id);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  /** Newest first. */
  private files(session: string): Promise<mongoose.mongo.GridFSFile[]> {
    return this.bucket.find({ filename: zipName(session) }).sort({ uploadDate: -1 }).toArray();
  }
}

function zipName(session: string): string {
  return `${session}.zip`;
}
