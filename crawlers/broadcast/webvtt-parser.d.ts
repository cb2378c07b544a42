// Types for the part of webvtt-parser (W3C WebVTT parser, CC0) that mediawatch uses.
declare module 'webvtt-parser' {
  export interface CueNode {
    type: 'text' | 'object' | 'timestamp';
    value?: string;
    name?: string;
    children?: CueNode[];
  }
  export interface Cue {
    id: string;
    startTime: number;
    endTime: number;
    text: string;
    tree: { children: CueNode[] };
  }
  export interface ParseError {
    message: string;
    line: number;
    col?: number;
  }
  export class WebVTTParser {
    /** Entity table ("&amp;" → "&"); the package ships the full HTML one as html-entities.json. */
    constructor(entities?: Record<string, string>);
    parse(input: string, mode?: 'subtitles' | 'chapters' | 'metadata'): { cues: Cue[]; errors: ParseError[] };
  }
}
