import type { Channel, Locale } from '../domain/index.js';

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

/** The conversation engine as channels see it. */
export interface InboundHandler {
  handle(inbound: Inbound): Promise<readonly Outbound[]>;
}
