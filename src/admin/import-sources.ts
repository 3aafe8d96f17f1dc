import readline from 'node:readline';
import { pipeline, type Duplex, type Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { Assembler } from 'stream-json/assembler.js';
import parser from 'stream-json/parser.js';
import { LokerError } from '../errors/index.js';

/**
 * One record of an import file as it was read: where it is (`row`: the line of a JSONL file, the
 * line a CSV record ends on counting the header as line 1, the position of a JSON-LD posting) and
 * what it holds (`raw`), or, as a string, why it could not be read.
 */
export interface ImportRecord {
  readonly row: number;
  readonly raw: unknown;
}

export const IMPORT_FORMATS = ['csv', 'jsonl', 'jsonld'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Reads `input` a record at a time: nothing holds more than one record (and the parser's buffer). */
export function importRecords(format: ImportFormat, input: Readable): AsyncGenerator<ImportRecord> {
  switch (format) {
    case 'csv':
      return csvRecords(input);
    case 'jsonl':
      return jsonlRecords(input);
    case 'jsonld':
      return jsonLdRecords(input);
  }
}

async function* csvRecords(input: Readable): AsyncGenerator<ImportRecord> {
  // A record csv-parse cannot read (a broken quote, a stray one) is skipped and reported at its
  // line; the file goes on. A fatal error (the upload cut off) would drop records still buffered.
  const skipped: ImportRecord[] = [];
  const records = through(
    input,
    parseCsv({
      columns: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) skipped.push({ row: Number(error.lines) || 0, raw: `not valid CSV: ${error.message}` });
      },
    }),
  );
  for await (const record of records as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield* skipped.splice(0);
    yield { row: record.info.lines, raw: record.record };
  }
  yield* skipped.splice(0);
}

async function* jsonlRecords(input: Readable): AsyncGenerator<ImportRecord> {
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let row = 0;
  for await (const text of lines) {
    row++;
    if (text.trim() === '') continue;
    try {
      yield { row, raw: JSON.parse(text) as unknown };
    } catch {
      yield { row, raw: 'not valid JSON' };
    }
  }
}

type Token = parser.Token;

/**
 * JSON-LD: one JobPosting, an array of them, or an ItemList whose `itemListElement` holds them
 * (as ListItems or directly). Streamed with stream-json: each posting is assembled on its own as
 * its tokens arrive, so a file of 50,000 postings is never in memory at once; the ItemList's own
 * small fields are assembled beside. Rows are the postings' positions, from 1.
 */
async function* jsonLdRecords(input: Readable): AsyncGenerator<ImportRecord> {
  const tokens = through(input, parser.asStream({ streamValues: false })) as AsyncIterable<Token>;
  const top = new Assembler();
  let depth = 0;
  let row = 0;
  /** The depth of the containers whose values are postings: 1 for a top-level array, 2 for `itemListElement`. */
  let itemDepth: number | undefined;
  /** The ItemList's `itemListElement` key was just read: its value (an array, or one item) comes next. */
  let afterItemsKey = false;
  let item: Assembler | undefined;
  try {
    for await (const token of tokens) {
      if (!item) {
        if (afterItemsKey && token.name === 'startArray') {
          afterItemsKey = false;
          itemDepth = ++depth;
          continue;
        }
        const atItems = itemDepth !== undefined && depth === itemDepth;
        if (atItems && token.name === 'endArray') {
          itemDepth = undefined;
          depth--;
          continue;
        }
        if (!afterItemsKey && !atItems) {
          if (depth === 0 && token.name === 'startArray') itemDepth = ++depth;
          else if (depth === 1 && token.name === 'keyValue' && token.value === 'itemListElement') afterItemsKey = true;
          else {
            // The ItemList's own small fields (or a lone posting): assembled whole.
            top.consume(token);
            if (token.name === 'startObject' || token.name === 'startArray') depth++;
            if (token.name === 'endObject' || token.name === 'endArray') depth--;
          }
          continue;
        }
        afterItemsKey = false;
        item = new Assembler();
      }
      item.consume(token);
      if (item.done) {
        yield { row: ++row, raw: item.current };
        item = undefined;
      }
    }
  } catch (error) {
    if (error instanceof LokerError) throw error;
    yield { row: row + 1, raw: `not valid JSON (after ${row} postings read): ${(error as Error).message}` };
    return;
  }
  // A single posting (no array, no itemListElement) is the top value itself.
  if (row === 0 && top.done && !isItemList(top.current)) yield { row: 1, raw: top.current };
}

/** `input` into `transform`, so that an error of either (the upload's size limit, a dropped connection) ends the records read from it. */
function through<T extends Duplex>(input: Readable, transform: T): T {
  pipeline(input, transform, () => undefined);
  return transform;
}

function isItemList(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as Record<string, unknown>)['@type'];
  return type === 'ItemList' || (Array.isArray(type) && type.includes('ItemList'));
}
