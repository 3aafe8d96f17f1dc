export { WhatsAppAdapter } from './whatsapp-adapter.js';
export type { WhatsAppAdapterOptions } from './whatsapp-options.js';
export type { WhatsAppState } from './whatsapp-connection.js';
export type { WhatsAppClient, WhatsAppClientFactory, WhatsAppIncoming } from './whatsapp-client.js';
export { realClientFactory, CHROMIUM_ARGS, type RealClientFactoryOptions } from './real-client-factory.js';
export { OutboundPacer, type OutboundPacerOptions, type PacerClock } from './outbound-pacer.js';
