import { z } from 'zod';

/** How a step reads the person's answer. */
export const INPUT_TYPES = [
  'none', // shows its prompt and moves on
  'text',
  'number',
  'years', // a duration in years: "2", "dua tahun", "6 bulan", "setengah tahun"
  'rupiah', // an amount of money: "5 juta", "5.500.000", "UMK"
  'name', // a person's name: letters, no markup, no phone number
  'choice',
  'multi-choice',
  'yes-no',
  'phone',
  'kecamatan',
  'desa', // a desa/kelurahan of the kecamatan answered before (step data `kecamatan`), checked against its list where known
  'skills',
  'list', // comma- or line-separated items
  'custom', // read by the step's `handler`
] as const;
export type InputType = (typeof INPUT_TYPES)[number];

const idPattern = /^[a-z][a-z0-9-]*$/;
const keyPattern = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

const choiceSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/),
  label: z.string().regex(keyPattern, 'must be a locale key like reg.jobtype.pkwt'),
});

/** `{ field: value }`: the branch is taken when step data `field` equals `value` (or is one of a list). */
const conditionSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]));

const nextSchema = z.union([
  z.string(),
  z.array(z.strictObject({ when: conditionSchema.optional(), goto: z.string() })).min(1),
]);

export const stepSchema = z.strictObject({
  id: z.string().regex(idPattern, 'must be lowercase letters, digits and -'),
  /** Locale key of the question. */
  prompt: z.string().regex(keyPattern, 'must be a locale key like reg.name.prompt').optional(),
  /** Builds the prompt in code instead (handler id), e.g. search results. */
  render: z.string().regex(idPattern).optional(),
  input: z.enum(INPUT_TYPES),
  choices: z.array(choiceSchema).max(10).optional(),
  /** Named choice list provided by code, from the service's one list of them: `education-levels`, `employment-types`. */
  choicesFrom: z.enum(['education-levels', 'employment-types']).optional(),
  /** Handler id that reads a `custom` input. */
  handler: z.string().regex(idPattern).optional(),
  /** Data key the parsed answer is saved under. Default: the step id. */
  save: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/).optional(),
  /** A word like "lewati"/"skip" leaves the answer empty. Default: false. */
  optional: z.boolean().default(false),
  /** A `kecamatan` step that takes several at once ("Cikarang Utara, Setu"), saved as a list. Default: false. */
  multiple: z.boolean().default(false),
  min: z.number().optional(),
  max: z.number().optional(),
  /** Only ask this step when the condition holds; otherwise go on to `next`. */
  when: conditionSchema.optional(),
  /** Step id, `end`, or conditional branches. Default: the following step, or `end` after the last. */
  next: nextSchema.optional(),
  /** Part of the step before it (a follow-up or confirmation): when one field is edited alone, it is asked too. */
  continues: z.boolean().default(false),
  /** Locale key of a hint shown by "bantuan"/"help" at this step. */
  help: z.string().regex(keyPattern).optional(),
});
export type StepDefinition = z.infer<typeof stepSchema>;

export const flowSchema = z.strictObject({
  id: z.string().regex(idPattern),
  /** Words and commands that start this flow from anywhere ("cari", "/search"). */
  triggers: z.array(z.string().min(1)).default([]),
  /** `profile`: needs a registered seeker; `consent`: needs consent. Default: none. */
  requires: z.enum(['none', 'consent', 'profile']).default('none'),
  steps: z.array(stepSchema).min(1),
  /** Handler id run with the collected data when the last step is answered. */
  complete: z.string().regex(idPattern).optional(),
  /**
   * Keeps a half-finished run as a draft: a word that would leave it asks first, leaving keeps the
   * answers, and starting the flow again resumes at the same step with them. Default: false.
   */
  draft: z.boolean().default(false),
});
export type FlowDefinition = z.infer<typeof flowSchema>;

export type Condition = z.infer<typeof conditionSchema>;
