export { generateDemo, demoSeeker, demoSubscription, demoVacancy, type DemoData, type DemoOptions } from './generate.js';
export { describeDemo, summarizeDemo, type DemoSummary } from './summary.js';
export { JOB_TEMPLATES, type JobTemplate } from './jobs.js';
