// Readers for export files that keep each record's line number, so that a bad row can be
// reported where a person can find it, and that recover after a bad row instead of giving up.

export interface LineRecord<T> {
  /** 1-based line where the record starts. */
  line: number;
  value: T;
}

export interface LineError {
  line: number;
  reason: string;
}

export interface ParsedRecords<T> {
  records: Array<LineRecord<T>>;
  errors: LineError[];
}

/**
 * RFC 4180 CSV: fields separated by `delimiter`, quoted with `"` (doubled inside), line breaks
 * allowed inside quotes, CRLF or LF between records. A quoted field that never closes, or text
 * after a closing quote, makes that record bad; parsing resumes on the next line.
 */
export function parseCsv(input: string, delimiter = ','): ParsedRecords<string[]> {
  const text = input.replace(/^\uFEFF/, '');
  const records: Array<LineRecord<string[]>> = [];
  const errors: LineError[] = [];
  const length = text.length;
  let pos = 0;
  let line = 1;

  const skipLine = (from: number): void => {
    const newline = text.indexOf('\n', from);
    pos = newline === -1 ? length : newline + 1;
  };

  outer: while (pos < length) {
    const startPos = pos;
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[pos] === '"') {
        pos++;
        let fieldLines = 0;
        for (;;) {
          const quote = text.indexOf('"', pos);
          if (quote === -1) {
            errors.push({ line: startLine, reason: 'quoted field is never closed' });
            skipLine(startPos);
            line = startLine + 1;
            continue outer;
          }
          const chunk = text.slice(pos, quote);
          field += chunk;
          fieldLines += chunk.split('\n').length - 1;
          if (text[quote + 1] === '"') {
            field += '"';
            pos = quote + 2;
            continue;
          }
          pos = quote + 1;
          break;
        }
        line += fieldLines;
        const after = text[pos];
        if (pos < length && after !== delimiter && after !== '\n' && after !== '\r') {
          errors.push({ line: startLine, reason: `unexpected text after a closing quote (line ${line})` });
          skipLine(pos);
          line++;
          continue outer;
        }
      } else {
        let end = pos;
        while (end < length && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end++;
        field = text.slice(pos, end);
        pos = end;
      }
      fields.push(field);
      if (pos < length && text[pos] === delimiter) {
        pos++;
        continue;
      }
      if (text[pos] === '\r') pos++;
      if (text[pos] === '\n') pos++;
      line++;
      break;
    }
    if (fields.length === 1 && fields[0] === '') continue; // blank line
    records.push({ line: startLine, value: fields });
  }
  return { records, errors };
}

/** JSON Lines: one JSON value per line; blank lines are ignored. */
export function parseJsonLines(input: string): ParsedRecords<unknown> {
  const records: Array<LineRecord<unknown>> = [];
  const errors: LineError[] = [];
  input
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      if (!raw.trim()) return;
      try {
        records.push({ line: index + 1, value: JSON.parse(raw) });
      } catch (error) {
        errors.push({ line: index + 1, reason: `invalid JSON: ${(error as Error).message}` });
      }
    });
  return { records, errors };
}

class JsonSkimmer {
  pos = 0;
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  lineAt(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  skipWs(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  /** Moves past a string starting at `pos` (on its opening quote). */
  skipString(): void {
    this.pos++;
    while (this.pos < this.text.length) {
      const char = this.text[this.pos];
      if (char === '\\') this.pos += 2;
      else if (char === '"') {
        this.pos++;
        return;
      } else if (char === '\n')
        return; // strings do not span lines: stop here and let JSON.parse report it
      else this.pos++;
    }
  }

  /**
   * Moves past one value without interpreting it: brackets are balanced outside strings. A
   * broken value still ends where its brackets close, so the next one can be read.
   */
  skipValue(): void {
    const open = this.text[this.pos];
    if (open === '"') {
      this.skipString();
      return;
    }
    if (open !== '{' && open !== '[') {
      while (this.pos < this.text.length && !/[\s,\]}]/.test(this.text[this.pos])) this.pos++;
      return;
    }
    let depth = 0;
    while (this.pos < this.text.length) {
      const char = this.text[this.pos];
      if (char === '"') {
        this.skipString();
        continue;
      }
      if (char === '{' || char === '[') depth++;
      else if (char === '}' || char === ']') {
        depth--;
        if (depth === 0) {
          this.pos++;
          return;
        }
      }
      this.pos++;
    }
  }

  /** Inside an object at `pos` (on "{"), moves to the value of `key`; false if absent. */
  enterKey(key: string): boolean {
    if (this.text[this.pos] !== '{') return false;
    this.pos++;
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] !== '"') return false;
      const start = this.pos;
      this.skipString();
      let name: unknown;
      try {
        name = JSON.parse(this.text.slice(start, this.pos));
      } catch {
        return false;
      }
      this.skipWs();
      if (this.text[this.pos] !== ':') return false;
      this.pos++;
      this.skipWs();
      if (name === key) return true;
      this.skipValue();
      this.skipWs();
      if (this.text[this.pos] !== ',') return false;
      this.pos++;
    }
  }
}

/**
 * The records of a JSON export: the top-level array, or the array at `recordsPath` (dotted keys)
 * inside the top-level object. Elements are cut out lexically and parsed one by one, so a broken
 * record is reported with its line and the others are kept. Returns `fatal` when no array is found.
 */
export function parseJsonRecords(input: string, recordsPath?: string): ParsedRecords<unknown> & { fatal?: string } {
  const skim = new JsonSkimmer(input.replace(/^\uFEFF/, ''));
  skim.skipWs();
  for (const key of recordsPath ? recordsPath.split('.') : []) {
    if (!skim.enterKey(key))
      return { records: [], errors: [], fatal: `no "${recordsPath}" array in the file (stopped at "${key}", line ${skim.lineAt(skim.pos)})` };
  }
  if (skim.text[skim.pos] !== '[') {
    return {
      records: [],
      errors: [],
      fatal: recordsPath ? `"${recordsPath}" is not an array` : 'expected an array of records (set recordsPath for an object that holds one)',
    };
  }
  skim.pos++;
  const records: Array<LineRecord<unknown>> = [];
  const errors: LineError[] = [];
  for (;;) {
    skim.skipWs();
    if (skim.pos >= skim.text.length) {
      errors.push({ line: skim.lineAt(skim.text.length - 1), reason: 'file ends before the array is closed' });
      break;
    }
    if (skim.text[skim.pos] === ']') break;
    const start = skim.pos;
    const line = skim.lineAt(start);
    skim.skipValue();
    const slice = skim.text.slice(start, skim.pos);
    try {
      records.push({ line, value: JSON.parse(slice) });
    } catch (error) {
      errors.push({ line, reason: `invalid JSON: ${(error as Error).message}` });
    }
    skim.skipWs();
    if (skim.text[skim.pos] === ',') skim.pos++;
    else if (skim.text[skim.pos] !== ']' && skim.pos < skim.text.length) {
      // Junk between records (a missing comma, a broken value): report it and resync on the next value.
      const junkLine = skim.lineAt(skim.pos);
      if (!errors.some((e) => e.line === line)) errors.push({ line: junkLine, reason: 'expected "," or "]" after a record' });
      while (skim.pos < skim.text.length && !/[{[\]]/.test(skim.text[skim.pos])) skim.pos++;
    }
  }
  return { records, errors };
}
