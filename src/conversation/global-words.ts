import { normalizeAnswer } from './answer-words.js';

/** Words that work at any step, in both languages. */
export type GlobalAction = 'menu' | 'cancel' | 'back' | 'help' | 'language';

const WORDS: Readonly<Record<string, GlobalAction>> = {
  menu: 'menu',
  '/menu': 'menu',
  'menu utama': 'menu',
  'main menu': 'menu',
  batal: 'cancel',
  cancel: 'cancel',
  '/batal': 'cancel',
  '/cancel': 'cancel',
  stop: 'cancel',
  berhenti: 'cancel',
  kembali: 'back',
  back: 'back',
  balik: 'back',
  '/kembali': 'back',
  '/back': 'back',
  bantuan: 'help',
  help: 'help',
  tolong: 'help',
  '/bantuan': 'help',
  '/help': 'help',
  bahasa: 'language',
  language: 'language',
  '/bahasa': 'language',
  '/language': 'language',
};

export function globalAction(text: string): GlobalAction | undefined {
  return WORDS[normalizeAnswer(text).replace(/@\w+$/, '')];
}
