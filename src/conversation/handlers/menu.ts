import type { CompleteHandler } from '../handlers.js';

/** The main menu's choice ids are flow ids. */
export const openFromMenu: CompleteHandler = (ctx) => Promise.resolve({ replies: [], then: String(ctx.state.data.pick) });
