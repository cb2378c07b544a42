import sax from 'sax';

export interface TagEvents {
  /** `depth` counts the element itself: the root element is at depth 1. */
  onOpen?(name: string, attributes: Record<string, string>, depth: number): void;
  onClose?(name: string, depth: number): void;
  onText?(text: string): void;
}

export interface TagStreamLimits {
  /** Deeper nesting stops the read (the parser's tag stack grows with it). Default 50,000. */
  maxDepth?: number;
  /** Parsing time after which the read stops (hostile markup can make each tag costly). Default 30 s. */
  budgetMs?: number;
}

/** Text is handed to sax in slices this size, so limits are checked often even for one big string. */
const SLICE = 64 * 1024;

/**
 * A forgiving streaming reader of XML and HTML fragments: sax in loose mode, which carries on past
 * malformed markup, walks without recursion, hands long text on in pieces and holds no token over
 * 64 KB (a longer attribute or tag name is cut). When a limit is reached it stops reading and
 * `stopped` says why in words for the crawl report; what was read before stays valid.
 */
export class TagStream {
  private readonly parser: sax.SAXParser;
  private readonly maxDepth: number;
  private readonly budgetMs: number;
  private spentMs = 0;
  /** Elements open at this point of the document. */
  depth = 0;
  /** Why reading stopped early, if it did. */
  stopped: string | undefined;

  constructor(events: TagEvents, limits: TagStreamLimits = {}) {
    this.maxDepth = limits.maxDepth ?? 50_000;
    this.budgetMs = limits.budgetMs ?? 30_000;
    const parser = sax.parser(false, { lowercase: true, position: false } as sax.SAXOptions);
    parser.onopentag = (tag) => {
      this.depth++;
      if (this.depth > this.maxDepth) {
        this.stopped ??= `elements nested more than ${this.maxDepth} levels deep; stopped reading there`;
        return;
      }
      events.onOpen?.(tag.name, tag.attributes as Record<string, string>, this.depth);
    };
    parser.onclosetag = (name) => {
      if (this.depth <= this.maxDepth) events.onClose?.(name, this.depth);
      this.depth--;
    };
    parser.ontext = parser.oncdata = (text) => events.onText?.(text);
    parser.onerror = (error) => {
      // Loose mode reports what it repaired; only an over-long token needs handling: sax keeps
      // growing it, so it is emptied (the attribute or name ends up cut, the read goes on).
      const buffer = /^Max buffer length exceeded: (\w+)/.exec(error.message)?.[1];
      if (buffer) (parser as unknown as Record<string, string>)[buffer] = '';
      parser.resume();
    };
    this.parser = parser;
  }

  /** Reads the next piece of the document; false once reading has stopped. */
  write(text: string): boolean {
    for (let at = 0; at < text.length && !this.stopped; at += SLICE) {
      const started = performance.now();
      this.parser.write(text.slice(at, at + SLICE));
      this.spentMs += performance.now() - started;
      if (this.spentMs > this.budgetMs) this.stopped ??= `took over ${Math.round(this.budgetMs / 1000)} s to read; stopped there`;
    }
    return !this.stopped;
  }

  /** Ends the document; `depth` then says how many elements were left open (0 for a complete one). */
  end(): void {
    if (!this.stopped) this.parser.close();
  }
}
