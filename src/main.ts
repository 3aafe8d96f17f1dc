import { ConfigError, LokerError } from './errors/index.js';
import { loadConfig } from './config/index.js';
import { createLogger } from './runtime/logger.js';
import { startService } from './service.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) process.stderr.write(`config error: ${problem}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  let service;
  try {
    service = await startService(config, logger);
  } catch (error) {
    if (error instanceof LokerError && error.unrecoverable) {
      logger.fatal({ code: error.code }, error.message);
      process.stderr.write(`${error.message}\n`);
    } else {
      logger.fatal({ err: error }, 'LokerBot failed to start');
    }
    process.exit(1);
  }

  const running = service;
  let signalled = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    running.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // If whatever started us (npm, a shell, a supervisor) dies without passing a signal on, stop too,
  // rather than run on unwatched with a redis-server child nobody will stop.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) shutdown('SIGHUP');
  }, 2000).unref();
}

main().catch((error: unknown) => {
  process.stderr.write(`LokerBot crashed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
