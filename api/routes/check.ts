import { z } from 'zod';
import { ACCESS, type Workflow } from '../../features/workflow/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { HttpError } from '../validation.ts';

const span = {
  field: z.enum(['title', 'text']),
  start: z.number().int().describe('character offset in the field (NFC)'),
  end: z.number().int(),
  matched: z.string(),
  term: z.string(),
};

const checkSchema = z.object({
  held: z.boolean().describe('true: the text would be held before publishing'),
  reasons: z.array(z.object({ kind: z.enum(['fact', 'cue']), ...span, factId: z.string().optional(), message: z.string() })),
  congress: z.boolean(),
  distortion: z.boolean(),
  scores: z.object({ congress: z.number(), distortion: z.number() }),
  topics: z.array(z.string()),
  explanations: z.array(z.object({ kind: z.string(), ...span, weight: z.number(), note: z.string().optional(), factId: z.string().optional() })),
});

/** POST /api/check: any text through the classifier and the official-facts sheet, before it goes out. */
export function checkRoutes(workflow: Workflow): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/check',
      tag: 'responses',
      summary: 'Check a text before publishing: contradictions with the official facts, rumour cues, congress relevance, with spans',
      access: ACCESS.check,
      body: z
        .object({
          title: z.string().max(1000).default(''),
          text: z.string().trim().min(1, 'paste the text to check').max(50_000),
        })
        .strict(),
      responses: { 200: { description: 'the verdict', schema: checkSchema }, 503: { description: 'the classifier is not configured' } },
      handle: ({ body }) => {
        const checker = workflow.checker;
        if (!checker) throw new HttpError(503, 'check_unavailable', 'the check before publishing is not configured on this server (no classifier)');
        return checker.check(body);
      },
    }),
  ];
}
