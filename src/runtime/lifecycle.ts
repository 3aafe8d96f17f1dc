import type { Logger } from './logger.js';

interface Stoppable {
  readonly name: string;
  readonly stop: () => Promise<void>;
}

/**
 * Remembers what was started and stops it in reverse order, so each part stops before what it
 * depends on (HTTP before workers before queues before Redis before the store).
 */
export class Lifecycle {
  private readonly parts: Stoppable[] = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {}

  add(name: string, stop: () => Promise<void>): void {
    this.parts.push({ name, stop });
  }

  /** Stops everything once; a part that fails to stop is logged and the rest still stop. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const part of this.parts.reverse()) {
        try {
          await part.stop();
          this.logger.debug({ part: part.name }, 'stopped');
        } catch (error) {
          this.logger.error({ err: error, part: part.name }, 'failed to stop cleanly');
        }
      }
    })();
    return this.stopping;
  }
}
