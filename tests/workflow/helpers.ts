import { expect } from 'vitest';
import type { Store } from '../../core/types.ts';
import { openWorkflow, staticFacts, SYSTEM_ACTOR, WorkflowError, type Role, type Workflow, type WorkflowOptions } from '../../features/workflow/index.ts';

/** A few entries of the official-facts sheet (ids as in config/official-facts.yaml). */
export const FACTS = staticFacts([
  {
    id: 'GL-DATE',
    statement: 'Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI diễn ra từ ngày 14 đến hết ngày 16/10/2020; Đại hội không lùi lịch, không hoãn.',
    source: 'Ban Tuyên giáo Tỉnh ủy Gia Lai',
    date: '2020-09-10',
  },
  { id: 'GL-BCH', statement: 'Đại hội bầu Ban Chấp hành Đảng bộ tỉnh khóa XVI gồm 53 đồng chí.', source: 'Ban Tổ chức Đại hội', date: '2020-10-16' },
]);

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public time = Date.parse('2020-10-15T08:00:00Z')) {}
  now = (): Date => new Date(this.time);
  advance(ms: number): void {
    this.time += ms;
  }
}

export const PASSWORDS: Record<Role, string> = {
  admin: 'Quantri-pass-2020',
  analyst: 'Phantich-pass-2020',
  spokesperson: 'Phatngon-pass-2020',
  viewer: 'Xemtin-pass-2020',
};

/** An in-memory workflow with a cheap hash cost, the test facts, and optionally one user per role (named after it). */
export async function testWorkflow(options: Partial<WorkflowOptions> & { store?: Store; withUsers?: boolean } = {}): Promise<Workflow> {
  const workflow = openWorkflow({
    path: ':memory:',
    facts: FACTS,
    ...options,
    security: { scryptCost: 10, ...options.security },
  });
  if (options.withUsers) {
    for (const role of ['admin', 'analyst', 'spokesperson', 'viewer'] as const) {
      await workflow.users.create({ username: role, role, password: PASSWORDS[role], mustChangePassword: false }, SYSTEM_ACTOR);
    }
  }
  return workflow;
}

/** The WorkflowError a refused call raises (the test fails when it does not raise one). */
export async function rejection(promise: Promise<unknown>): Promise<WorkflowError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowError);
  return error as WorkflowError;
}
