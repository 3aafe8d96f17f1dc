import type { Channel, ChannelIdentity, Locale } from '../domain/index.js';

/** What kind of thing a person sent. Anything but text/choice gets a polite "please type" answer. */
export type InboundKind = 'text' | 'choice' | 'location' | 'contact' | 'image' | 'audio' | 'video' | 'document' | 'sticker' | 'other';

/** One message from a person, whatever platform it came from. Channels build it; core code reads it. */
export interface Inbound {
  readonly channel: Channel;
  /** The platform's id for the person: Telegram chat id, WhatsApp E.164 number, web chat id. */
  readonly userId: string;
  /** The platform's id for this message; a redelivered message with the same id is handled once. */
  readonly messageId: string;
  readonly kind: InboundKind;
  /** Typed text, or the label of a pressed button. */
  readonly text?: string;
  /** The id of a pressed choice (inline keyboard, web button). */
  readonly choiceId?: string;
  readonly location?: { readonly lat: number; readonly lon: number };
  /** A shared contact's phone number (E.164). */
  readonly contactPhone?: string;
  /** The platform's language hint (Telegram `language_code`), used at first contact only. */
  readonly languageHint?: Locale;
  /** ISO time the platform received it. */
  readonly receivedAt: string;
}

export interface Choice {
  /** Stable id sent back when pressed. */
  readonly id: string;
  readonly label: string;
}

export interface Link {
  readonly label: string;
  readonly url: string;
}

/** One reply. Channels render choices as they can: inline keyboards, numbered lists, buttons. */
export interface Outbound {
  readonly text: string;
  /** At most MAX_CHOICES. */
  readonly choices?: readonly Choice[];
  readonly links?: readonly Link[];
}

export const MAX_CHOICES = 10;

/** One line of a person's recent conversation, as a page shows it again after a reload. */
export interface TranscriptEntry {
  /** Who said it: the person, or the bot. */
  readonly from: 'person' | 'bot';
  readonly text: string;
  /** The buttons of a bot message; a page shows those of the last one (the pending question). */
  readonly choices?: readonly Choice[];
}

/** The conversation engine as channels see it. */
export interface InboundHandler {
  handle(inbound: Inbound): Promise<readonly Outbound[]>;
  /** The person's recent conversation, oldest first, where the engine keeps one for their channel (the web chat). */
  transcript?(identity: ChannelIdentity): Promise<readonly TranscriptEntry[]>;
  /** A text in the person's language, or in both while no language is known (a refusal before the conversation, e.g. 429). */
  textFor?(identity: ChannelIdentity | undefined, key: string): Promise<string>;
}
