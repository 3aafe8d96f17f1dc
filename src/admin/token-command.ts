import { parseArgs } from 'node:util';
import { NotFoundError } from '../errors/index.js';
import type { CliIo } from '../matching/index.js';
import type { Store } from '../store/index.js';
import { listAdminTokens, revokeAdminToken } from './admin-tokens.js';

export const TOKEN_USAGE = `  token list                                               admin API tokens, one JSON line each (never the token or its hash)
  token revoke --id ID                                     revoke a token at once (audit-logged)`;

/** `lokerbot token list` and `lokerbot token revoke --id <id>`. Full token management comes with the admin API. */
export async function runTokenCommand(store: Store, argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'list') {
    parseArgs({ args: rest, options: {}, strict: true });
    for (const token of await listAdminTokens(store)) io.stdout.write(`${JSON.stringify(token)}\n`);
    return 0;
  }
  if (sub === 'revoke') {
    const { values } = parseArgs({ args: rest, options: { id: { type: 'string' } }, strict: true });
    if (!values.id) {
      io.stderr.write(`token revoke: --id ID is required (see \`token list\`)\n${TOKEN_USAGE}\n`);
      return 2;
    }
    try {
      const { token, alreadyRevoked } = await revokeAdminToken(store, values.id, { actor: 'cli', reason: 'revoked from the command line' });
      if (alreadyRevoked) io.stderr.write(`token ${token.id} was already revoked at ${token.revokedAt}\n`);
      io.stdout.write(`${JSON.stringify({ id: token.id, revokedAt: token.revokedAt })}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      io.stderr.write(`token revoke: no token with id "${values.id}" (see \`token list\`)\n`);
      return 1;
    }
  }
  io.stderr.write(`${sub === undefined ? 'token: a subcommand is required' : `token: unknown subcommand "${sub}"`}\n${TOKEN_USAGE}\n`);
  return 2;
}
