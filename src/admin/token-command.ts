import { parseArgs } from 'node:util';
import { NotFoundError, ValidationError } from '../errors/index.js';
import type { CliIo } from '../matching/index.js';
import type { Store } from '../store/index.js';
import { createAdminToken, listAdminTokens, revokeAdminToken } from './admin-tokens.js';

export const TOKEN_USAGE = `  token create --role admin|operator|company --name NAME [--company COMPANY_ID]
                                                           make an admin API token; it is printed once (only its hash is kept)
  token list                                               admin API tokens, one JSON line each (never the token or its hash)
  token revoke --id ID                                     revoke a token at once (audit-logged)`;

/** `lokerbot token create|list|revoke`: the way in for the first admin, and a way out when every admin token is lost. */
export async function runTokenCommand(store: Store, argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'create') {
    const { values } = parseArgs({ args: rest, options: { role: { type: 'string' }, name: { type: 'string' }, company: { type: 'string' } }, strict: true });
    try {
      const { token, summary } = await createAdminToken(store, { role: values.role, name: values.name, ...(values.company === undefined ? {} : { companyId: values.company }) }, 'cli');
      // The token on stdout alone, for `TOKEN=$(lokerbot token create …)`; what it is, on stderr.
      io.stderr.write(`${JSON.stringify(summary)}\nThis is the only time the token is shown; keep it somewhere safe.\n`);
      io.stdout.write(`${token}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      io.stderr.write(`token create: ${error.issues.map((issue) => issue.replace(/^label:/, 'name:').replace(/^companyId:/, '--company:')).join('; ')}\n${TOKEN_USAGE}\n`);
      return 2;
    }
  }
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
